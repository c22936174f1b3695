/**
 * The way off the demo. The engine refuses another store while on the demo (it would push the
 * sample catalogue there), so leaving comes first — from the section at the top of Configurações,
 * or when the merchant saves or authorises their own store, after the same question. The engine is
 * replaced underneath, so every cached answer is dropped.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useApi } from '../../api/context.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';

export interface LeaveDemo {
  /** Asks the merchant; true once Ponte is off the demo, false when they said no. Throws when leaving failed. */
  offDemo(reason: 'leave' | 'ownStore'): Promise<boolean>;
  /** The question, while it is asked. */
  dialog: ReactNode;
}

export const useLeaveDemo = (): LeaveDemo => {
  const api = useApi();
  const client = useQueryClient();
  const [question, setQuestion] = useState<{ reason: 'leave' | 'ownStore'; answer: (yes: boolean) => void } | null>(null);
  const offDemo = async (reason: 'leave' | 'ownStore') => {
    const yes = await new Promise<boolean>((answer) => setQuestion({ reason, answer }));
    setQuestion(null);
    if (!yes) return false;
    await api.call('app.leaveDemo', {});
    await client.invalidateQueries();
    return true;
  };
  const dialog = question && (
    <ConfirmDialog
      title={t('demo.confirmTitle')}
      body={question.reason === 'ownStore' ? `${t('demo.ownStoreFirst')} ${t('demo.confirmBody')}` : t('demo.confirmBody')}
      confirmLabel={question.reason === 'ownStore' ? t('demo.leaveAndGo') : t('demo.leave')}
      onConfirm={() => question.answer(true)}
      onCancel={() => question.answer(false)}
    />
  );
  return { offDemo, dialog };
};

export const DemoSection = ({ demo }: { demo: boolean }) => {
  const leaveDemo = useLeaveDemo();
  const [leaving, setLeaving] = useState(false);
  const [left, setLeft] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const leave = async () => {
    setFailure(null);
    setLeaving(true);
    try {
      setLeft(await leaveDemo.offDemo('leave'));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setLeaving(false);
    }
  };
  if (!demo) return left ? <p role="status" className="ok-text demo-left">{t('demo.left')}</p> : null;
  return (
    <section className="demo-section" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('demo.title')}</h2>
      <p>{t('demo.body')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void leave()} disabled={leaving}>
          {leaving ? t('demo.leaving') : t('demo.leave')}
        </button>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {leaveDemo.dialog}
    </section>
  );
};
