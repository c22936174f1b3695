import { useDeferredValue, useId, useState } from 'react';
import { JOB_NAMES, type ActivityEntry } from '../../../../shared/api/contract.ts';
import { useCall } from '../../api/queries.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

const LEVELS = ['info', 'warn', 'error'] as const;
const JOBS = [...JOB_NAMES, 'app'] as const;

export const AtividadeScreen = () => {
  const id = useId();
  const [level, setLevel] = useState<ActivityEntry['level'] | ''>('');
  const [job, setJob] = useState<(typeof JOBS)[number] | ''>('');
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text.trim());
  const list = useCall('activity.list', {
    ...(level && { level }),
    ...(job && { job }),
    ...(deferredText && { text: deferredText }),
    limit: 300,
  });
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('atividade.title')}</h1>
      </header>
      <form className="filters" role="search" aria-label={t('pedidos.filters')} onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-level`}>{t('atividade.level')}</label>
        <select id={`${id}-level`} value={level} onChange={(e) => setLevel(LEVELS.find((l) => l === e.target.value) ?? '')}>
          <option value="">{t('common.all')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>{t(`level.${l}`)}</option>
          ))}
        </select>
        <label htmlFor={`${id}-job`}>{t('atividade.job')}</label>
        <select id={`${id}-job`} value={job} onChange={(e) => setJob(JOBS.find((j) => j === e.target.value) ?? '')}>
          <option value="">{t('common.all')}</option>
          {JOBS.map((j) => (
            <option key={j} value={j}>{t(`job.${j}`)}</option>
          ))}
        </select>
        <label htmlFor={`${id}-text`} className="visually-hidden">{t('atividade.text')}</label>
        <input id={`${id}-text`} type="search" className="grow" placeholder={t('atividade.text')} value={text} onChange={(e) => setText(e.target.value)} />
      </form>
      <QueryState isLoading={list.isLoading} error={list.error}>
        <section className="card">
          {(list.data ?? []).length === 0 ? (
            <p className="muted">{t('atividade.empty')}</p>
          ) : (
            <table className="table compact" aria-label={t('atividade.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('atividade.when')}</th>
                  <th scope="col">{t('atividade.level')}</th>
                  <th scope="col">{t('atividade.job')}</th>
                  <th scope="col">{t('atividade.message')}</th>
                </tr>
              </thead>
              <tbody>
                {(list.data ?? []).map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{formatDateTime(e.at)}</td>
                    <td><span className={`chip chip-level-${e.level}`}>{t(`level.${e.level}`)}</span></td>
                    <td>{e.job ? t(`job.${e.job}`) : t('common.none')}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </QueryState>
    </div>
  );
};
