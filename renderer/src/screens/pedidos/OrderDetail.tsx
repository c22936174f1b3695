import { useEffect, useId, useRef, type ReactNode } from 'react';
import { formatCep, formatDocument } from '../../../../shared/br/documents.ts';
import type { OrderDetail as Detail } from '../../../../shared/api/contract.ts';
import { useCall } from '../../api/queries.ts';
import { useEscape } from '../../components/escape.ts';
import { PushWay } from '../../components/PushWay.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { navigate } from '../../router.ts';
import { StatusChange } from './StatusChange.tsx';
import { StoreRecord } from './StoreRecord.tsx';
import { TrackingForm } from './TrackingForm.tsx';

const Items = ({ order }: { order: Detail }) => (
  <table className="table compact">
    <caption>{t('detail.items')}</caption>
    <thead>
      <tr>
        <th scope="col">{t('detail.sku')}</th>
        <th scope="col">{t('detail.product')}</th>
        <th scope="col" className="num">{t('detail.qty')}</th>
        <th scope="col" className="num">{t('detail.price')}</th>
        <th scope="col" className="num">{t('detail.lineTotal')}</th>
      </tr>
    </thead>
    <tbody>
      {order.items.map((item) => (
        <tr key={`${item.productId}-${item.sku}`}>
          <td><code>{item.sku}</code></td>
          <td>{item.name}</td>
          <td className="num">{item.quantity}</td>
          <td className="num">{formatMoney(item.price)}</td>
          <td className="num">{formatMoney(Math.round(item.price * item.quantity * 100) / 100)}</td>
        </tr>
      ))}
    </tbody>
    <tfoot>
      <tr><th scope="row" colSpan={4}>{t('detail.subtotal')}</th><td className="num">{formatMoney(order.subtotal)}</td></tr>
      <tr><th scope="row" colSpan={4}>{t('detail.shipping', { method: order.shippingMethod })}</th><td className="num">{formatMoney(order.shipping)}</td></tr>
      {order.discount !== 0 && (
        <tr><th scope="row" colSpan={4}>{t('detail.discount')}</th><td className="num">−{formatMoney(Math.abs(order.discount))}</td></tr>
      )}
      <tr className="total"><th scope="row" colSpan={4}>{t('detail.total')}</th><td className="num">{formatMoney(order.total)}</td></tr>
    </tfoot>
  </table>
);

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const id = useId();
  return (
    <section aria-labelledby={id} className="detail-section">
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
};

export const OrderDetail = ({ orderId }: { orderId: number }) => {
  const query = useCall('orders.get', { id: orderId }, [orderId]);
  const order = query.data;
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opening an order moves focus into it (Tab, Tab reaches the tracking code); Escape closes it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [orderId]);
  useEscape(() => navigate('#/pedidos'));
  return (
    <aside className="detail" aria-labelledby={titleId}>
      <header className="detail-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>{t('detail.title', { number: order?.number ?? String(orderId) })}</h2>
        <a href="#/pedidos" className="button" aria-label={t('detail.close')}>×</a>
      </header>
      <QueryState isLoading={query.isLoading} error={query.error}>
        {order && (
          <div className="detail-body">
            <p className="muted">
              {formatDateTime(order.date)} · {order.statusName}
            </p>
            <Section title={t('tracking.title')}>
              <TrackingForm key={order.id} orderId={order.id} currentCode={order.trackingCode} />
            </Section>
            <Section title={t('statusChange.title')}>
              <StatusChange key={order.id} orders={[order]} />
            </Section>
            <Section title={t('detail.pushes')}>
              {order.pushes.length === 0 ? (
                <p className="muted">{t('detail.noPushes')}</p>
              ) : (
                <ul className="push-list">
                  {order.pushes.map((push) => (
                    <li key={push.id}>
                      <span>{push.summary}</span>
                      <PushWay entry={push} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Items order={order} />
            <Section title={t('detail.customer')}>
              <dl className="kv">
                <dt>{t('col.customer')}</dt><dd>{order.customer.name}</dd>
                <dt>{t('detail.document')}</dt><dd>{formatDocument(order.customer.document)}</dd>
                <dt>{t('detail.email')}</dt><dd>{order.customer.email}</dd>
                <dt>{t('detail.phone')}</dt><dd>{order.customer.phone}</dd>
              </dl>
            </Section>
            <Section title={t('detail.address')}>
              <address>
                {order.address.street}, {order.address.number}
                {order.address.complement ? ` — ${order.address.complement}` : ''}
                <br />
                {order.address.district} · {order.address.city}/{order.address.uf}
                <br />
                CEP {formatCep(order.address.cep)}
              </address>
            </Section>
            <Section title={t('detail.payment')}>
              <p>{t('detail.method')}: {order.paymentMethod}</p>
              <ul className="plain">
                {order.installments.map((i) => (
                  <li key={i.number}>
                    {t('detail.installment', { n: i.number, amount: formatMoney(i.amount), date: formatDate(i.dueDate) })}
                  </li>
                ))}
              </ul>
            </Section>
            {order.notes && (
              <Section title={t('detail.notes')}>
                <p>{order.notes}</p>
              </Section>
            )}
            <Section title={t('detail.storeExtras')}>
              <StoreRecord record={order.storeRecord} />
            </Section>
          </div>
        )}
      </QueryState>
    </aside>
  );
};
