import { openPonteDb, type PonteDb, type PulledOrder } from '../../electron/engine/store/index.ts';

export class FakeClock {
  constructor(private t = Date.parse('2026-11-29T12:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export const openTestDb = (clock = new FakeClock()): { db: PonteDb; clock: FakeClock } => ({ db: openPonteDb(':memory:', { now: clock.now }), clock });

export const makeOrder = (id: number, over: Partial<PulledOrder> = {}): PulledOrder => ({
  id,
  number: String(1000 + id),
  date: '2026-11-20T10:00:00',
  modifiedAt: '2026-11-20T10:00:00',
  customerName: 'Maria da Silva',
  city: 'Campinas',
  uf: 'SP',
  total: 150,
  subtotal: 140,
  shipping: 20,
  discount: 10,
  statusId: 1,
  statusName: 'A ENVIAR',
  trackingCode: null,
  shippedAt: null,
  trackingUrl: null,
  paymentMethod: 'Pix',
  shippingMethod: 'PAC',
  notes: '',
  items: [{ productId: 10, variantId: null, sku: 'CAM-01', name: 'Camiseta', quantity: 2, price: 70 }],
  customer: { id: 500 + id, name: 'Maria da Silva', document: '529.982.247-25', email: 'maria@example.com', phone: '11 99999-0000' },
  address: { street: 'Rua A', number: '10', complement: '', district: 'Centro', city: 'Campinas', uf: 'SP', cep: '13010-000' },
  installments: [{ number: 1, amount: 150, dueDate: '2026-11-20', method: 'Pix' }],
  installmentCount: 1,
  ...over,
});
