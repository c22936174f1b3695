import type { ExportResult } from '../../../../shared/api/contract.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

/** What an export did: how many orders, the file written, the engine's own words. */
export const ExportOutcome = ({ result }: { result: ExportResult }) => (
  <div role="status" className="export-result">
    <p className="ok-text">{t(pluralKey('exportar.done', result.count), { count: formatNumber(result.count) })}</p>
    {result.file && (
      <p>
        {t('exportar.file', { file: '' })}
        <code data-testid="export-file">{result.file}</code>
      </p>
    )}
    {result.message && <p className="hint">{result.message}</p>}
  </div>
);
