export { formatDate, formatDateTime, formatMoney, formatNumber, formatTime } from '../../shared/i18n/index.ts';
