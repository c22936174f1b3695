export { formatDate, formatDateTime, formatMoney, formatNumber } from '../../shared/i18n/index.ts';
