/**
 * The demo store's catalogue: deterministic, seeded pt-BR data shared by the Tray emulator (the
 * store) and the sample ERP (the merchant's side), so both speak of the same SKUs.
 *
 * Plain data only: no I/O. Same seed => same catalogue, byte for byte.
 */
import { cnpjCheckDigits, cpfCheckDigits } from '../../shared/br/documents.ts';
import { mulberry32, pick, randInt, sample, type Random } from './random.ts';
import type { ErpCustomer, ErpProduct } from '../engine/erp/types.ts';

export interface DemoCategory {
  id: number;
  name: string;
  /** 0 = top level. */
  parentId: number;
  order: number;
  description: string;
  /** 'Moda > Feminino > Vestidos' */
  path: string;
}

export interface DemoBrand {
  id: number;
  name: string;
}

export interface DemoCharacteristic {
  id: number;
  name: string;
  values: string[];
}

/** A product as the store holds it: the ERP's fields, with the store's ids for category and brand. */
export interface DemoProduct extends Omit<ErpProduct, 'categoryKey' | 'brand'> {
  id: number;
  categoryId: number;
  brandId: number;
}

/** A customer as the store holds it: the ERP's fields (document: digits, or letters for an alphanumeric CNPJ) plus the store's id. */
export interface DemoCustomer extends ErpCustomer {
  id: number;
  kind: 'cpf' | 'cnpj';
}

export interface DemoWeddingList {
  id: number;
  name: string;
  couple: string;
  /** YYYY-MM-DD */
  eventDate: string;
  email: string;
  items: Array<{ productId: number; quantity: number }>;
}

export interface DemoCatalog {
  seed: number;
  categories: DemoCategory[];
  brands: DemoBrand[];
  characteristics: DemoCharacteristic[];
  products: DemoProduct[];
  customers: DemoCustomer[];
  weddingLists: DemoWeddingList[];
}

/** Tree: top -> children -> leaves; products hang on leaves. */
const CATEGORY_TREE: Array<[string, Array<[string, string[]]>]> = [
  ['Moda', [
    ['Feminino', ['Vestidos', 'Blusas', 'Calças']],
    ['Masculino', ['Camisas', 'Bermudas']],
  ]],
  ['Casa', [
    ['Cozinha', ['Panelas', 'Utensílios']],
    ['Cama, Mesa e Banho', ['Toalhas', 'Lençóis']],
  ]],
  ['Eletrônicos', [['Áudio', ['Fones de ouvido', 'Caixas de som']]]],
  ['Esporte e Lazer', [['Fitness', ['Acessórios de treino']]]],
];

const BRANDS = ['Açaí Moda', 'Maré Alta', 'Ipê Casa', 'Tramontina', 'Coração Mineiro', 'Sonora', 'Movimento', 'Jangada'];

const CHARACTERISTICS: Array<[string, string[]]> = [
  ['Cor', ['Azul-marinho', 'Vermelho', 'Verde-água', 'Preto', 'Branco', 'Bege', 'Rosé']],
  ['Tamanho', ['PP', 'P', 'M', 'G', 'GG']],
  ['Material', ['Algodão', 'Linho', 'Viscose', 'Aço inox', 'Alumínio', 'Cerâmica', 'Poliéster']],
  ['Voltagem', ['110 V', '220 V', 'Bivolt']],
  ['Capacidade', ['1,5 L', '2,5 L', '4,2 L']],
];

/** Product name stems per leaf, and which characteristics apply, and a price band (R$). */
const LEAF_PRODUCTS: Record<string, { names: string[]; chars: string[]; price: [number, number]; weight: [number, number]; brands: string[] }> = {
  Vestidos: { names: ['Vestido midi estampado', 'Vestido longo de viscose', 'Vestido chemise de linho', 'Vestido tubinho básico'], chars: ['Cor', 'Tamanho', 'Material'], price: [89, 259], weight: [250, 500], brands: ['Açaí Moda', 'Maré Alta'] },
  Blusas: { names: ['Blusa de tricô', 'Blusa ciganinha', 'Regata de algodão orgânico'], chars: ['Cor', 'Tamanho', 'Material'], price: [39, 129], weight: [150, 300], brands: ['Açaí Moda', 'Maré Alta'] },
  'Calças': { names: ['Calça pantalona', 'Calça jeans reta', 'Calça de sarja'], chars: ['Cor', 'Tamanho'], price: [99, 219], weight: [400, 700], brands: ['Açaí Moda', 'Jangada'] },
  Camisas: { names: ['Camisa social slim', 'Camisa de linho manga curta', 'Camisa xadrez flanelada'], chars: ['Cor', 'Tamanho', 'Material'], price: [79, 199], weight: [200, 400], brands: ['Maré Alta', 'Jangada'] },
  Bermudas: { names: ['Bermuda de sarja', 'Bermuda tactel praia'], chars: ['Cor', 'Tamanho'], price: [59, 139], weight: [200, 350], brands: ['Jangada', 'Movimento'] },
  Panelas: { names: ['Panela de pressão', 'Caçarola antiaderente', 'Frigideira de cerâmica', 'Jogo de panelas 5 peças'], chars: ['Material', 'Capacidade', 'Cor'], price: [119, 699], weight: [1200, 6000], brands: ['Tramontina', 'Ipê Casa'] },
  'Utensílios': { names: ['Conjunto de facas de churrasco', 'Tábua de corte de bambu', 'Espremedor de limão', 'Escorredor de macarrão'], chars: ['Material', 'Cor'], price: [29, 189], weight: [200, 1500], brands: ['Tramontina', 'Coração Mineiro'] },
  Toalhas: { names: ['Toalha de banho gigante', 'Jogo de toalhas de rosto', 'Toalha de praia listrada'], chars: ['Cor', 'Material'], price: [39, 159], weight: [300, 900], brands: ['Ipê Casa', 'Coração Mineiro'] },
  'Lençóis': { names: ['Jogo de lençol casal 200 fios', 'Lençol com elástico solteiro', 'Jogo de cama queen percal'], chars: ['Cor', 'Material'], price: [89, 389], weight: [800, 1800], brands: ['Ipê Casa', 'Coração Mineiro'] },
  'Fones de ouvido': { names: ['Fone de ouvido sem fio', 'Fone intra-auricular com microfone', 'Headset gamer'], chars: ['Cor'], price: [49, 499], weight: [100, 400], brands: ['Sonora'] },
  'Caixas de som': { names: ['Caixa de som Bluetooth à prova d’água', 'Caixa de som amplificada', 'Soundbar compacta'], chars: ['Cor', 'Voltagem'], price: [149, 1299], weight: [500, 4000], brands: ['Sonora'] },
  'Acessórios de treino': { names: ['Colchonete de ginástica', 'Par de halteres emborrachados', 'Corda de pular com rolamento', 'Faixa elástica de resistência'], chars: ['Cor', 'Material'], price: [29, 249], weight: [200, 5000], brands: ['Movimento'] },
};

const FIRST_NAMES = ['João', 'Maria da Conceição', 'José', 'Ana Luíza', 'Antônio', 'Francisca', 'Sebastião', 'Lúcia', 'Conceição', 'Márcio', 'Fábio', 'Patrícia', 'Raimundo', 'Luís Otávio', 'Cecília', 'Inês', 'Vinícius', 'Débora', 'Jéssica', 'Caio', 'Thaís', 'Estêvão', 'Simão', 'Letícia', 'André'];
const LAST_NAMES = ['Gonçalves', 'Araújo', 'Magalhães', 'da Silva', 'Conceição', 'Brandão', 'Simões', 'Assunção', 'Falcão', 'Guimarães', 'Ribeiro', 'Nóbrega', 'Pereira', 'Damião', 'Lopes', 'Sá'];
const COMPANY_NAMES = ['Empório São Jorge Ltda', 'Açougue e Mercearia Boa Esperança ME', 'Papelaria Ipiranga Eireli', 'Confecções Ceará Ltda'];

/** City, UF, CEP prefix (5 digits), districts, streets: real-looking addresses. */
const CITIES: Array<{ city: string; uf: string; cep: string; districts: string[]; streets: string[] }> = [
  { city: 'São Paulo', uf: 'SP', cep: '01310', districts: ['Bela Vista', 'Moóca', 'Vila Mariana', 'Santana'], streets: ['Avenida Paulista', 'Rua da Consolação', 'Rua Vergueiro'] },
  { city: 'Belo Horizonte', uf: 'MG', cep: '30130', districts: ['Savassi', 'Funcionários', 'Santa Efigênia'], streets: ['Avenida Afonso Pena', 'Rua da Bahia', 'Rua Espírito Santo'] },
  { city: 'Recife', uf: 'PE', cep: '50030', districts: ['Boa Viagem', 'Graças', 'Santo Antônio'], streets: ['Rua da Aurora', 'Avenida Conselheiro Aguiar', 'Rua do Bom Jesus'] },
  { city: 'Porto Alegre', uf: 'RS', cep: '90010', districts: ['Moinhos de Vento', 'Cidade Baixa', 'Petrópolis'], streets: ['Rua dos Andradas', 'Avenida Borges de Medeiros'] },
  { city: 'Salvador', uf: 'BA', cep: '40020', districts: ['Barra', 'Pelourinho', 'Rio Vermelho'], streets: ['Avenida Sete de Setembro', 'Rua Chile'] },
  { city: 'Curitiba', uf: 'PR', cep: '80010', districts: ['Batel', 'Água Verde', 'Centro Cívico'], streets: ['Rua XV de Novembro', 'Avenida Sete de Setembro'] },
  { city: 'Goiânia', uf: 'GO', cep: '74003', districts: ['Setor Bueno', 'Setor Marista'], streets: ['Avenida Goiás', 'Rua 7'] },
  { city: 'Florianópolis', uf: 'SC', cep: '88010', districts: ['Lagoa da Conceição', 'Trindade', 'Coqueiros'], streets: ['Rua Felipe Schmidt', 'Avenida Beira-Mar Norte'] },
  { city: 'Fortaleza', uf: 'CE', cep: '60060', districts: ['Meireles', 'Aldeota', 'Praia de Iracema'], streets: ['Avenida Beira Mar', 'Rua Barão do Rio Branco'] },
  { city: 'Belém', uf: 'PA', cep: '66010', districts: ['Nazaré', 'Umarizal', 'Batista Campos'], streets: ['Avenida Presidente Vargas', 'Travessa Padre Eutíquio'] },
];

const TEXTILES = ['Algodão', 'Linho', 'Viscose', 'Poliéster'];

const COMPLEMENTS = ['', '', '', 'Apto 42', 'Casa 2', 'Bloco B, apto 301', 'Fundos', 'Sala 1205'];

const ascii = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

/** Prices end in ,90 as Brazilian shops like them. */
const shopPrice = (random: Random, [min, max]: [number, number]): number => randInt(random, min, max) + 0.9;

const digits = (random: Random, n: number): string => Array.from({ length: n }, () => String(randInt(random, 0, 9))).join('');

const makeCpf = (random: Random): string => {
  let base = digits(random, 9);
  while (/^(\d)\1{8}$/.test(base)) base = digits(random, 9);
  return base + cpfCheckDigits(base);
};

const makeCnpj = (random: Random, alphanumeric: boolean): string => {
  const root = alphanumeric
    ? Array.from({ length: 8 }, () => pick(random, [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'])).join('')
    : digits(random, 8);
  const base = `${root}0001`;
  return base + cnpjCheckDigits(base);
};

const buildCategories = (): { categories: DemoCategory[]; leaves: DemoCategory[] } => {
  const categories: DemoCategory[] = [];
  const leaves: DemoCategory[] = [];
  // Ids start away from 1 so that nothing passes by confusing a category id with an index.
  let nextId = 11;
  const add = (name: string, parent: DemoCategory | null, order: number): DemoCategory => {
    const path = parent ? `${parent.path} > ${name}` : name;
    const category: DemoCategory = { id: nextId++, name, parentId: parent?.id ?? 0, order, description: `Produtos de ${path}`, path };
    categories.push(category);
    return category;
  };
  CATEGORY_TREE.forEach(([top, children], i) => {
    const topCat = add(top, null, i + 1);
    children.forEach(([child, leafNames], j) => {
      const childCat = add(child, topCat, j + 1);
      leafNames.forEach((leaf, k) => leaves.push(add(leaf, childCat, k + 1)));
    });
  });
  return { categories, leaves };
};

export const demoCatalog = (seed = 1): DemoCatalog => {
  const random = mulberry32(seed);
  const { categories, leaves } = buildCategories();
  const brands: DemoBrand[] = BRANDS.map((name, i) => ({ id: 31 + i, name }));
  const characteristics: DemoCharacteristic[] = CHARACTERISTICS.map(([name, values], i) => ({ id: 51 + i, name, values }));
  const brandId = (name: string): number => brands.find((b) => b.name === name)?.id ?? 0;
  const charValues = (name: string): string[] => characteristics.find((c) => c.name === name)?.values ?? [];

  const products: DemoProduct[] = [];
  // Round-robin over the leaves until ~60 products: every leaf gets several, names repeat with variants.
  const TARGET = 60;
  for (let n = 0; products.length < TARGET; n++) {
    const leaf = leaves[n % leaves.length] as DemoCategory;
    const spec = LEAF_PRODUCTS[leaf.name];
    if (!spec) throw new Error(`no product spec for leaf ${leaf.name}`);
    const stem = spec.names[Math.floor(n / leaves.length) % spec.names.length] as string;
    const chars: Record<string, string> = {};
    const textile = /^(Moda|Casa > Cama|Esporte)/.test(leaf.path);
    for (const c of spec.chars) {
      // A dress in stainless steel would look like a generator bug: materials follow the department.
      const values = c === 'Material' ? charValues(c).filter((v) => TEXTILES.includes(v) === textile) : charValues(c);
      chars[c] = pick(random, values);
    }
    const variant = chars.Cor ? ` ${chars.Cor.toLowerCase()}` : '';
    const name = `${stem}${variant}`;
    const price = shopPrice(random, spec.price);
    const promo = random() < 0.25 ? Math.round(price * 0.85 * 100) / 100 : null;
    const stock = random() < 0.1 ? 0 : randInt(random, 1, 120);
    const id = 1001 + products.length * 3; // gaps, as a store that deleted products has
    products.push({
      id,
      sku: `PNT-${String(products.length + 1).padStart(4, '0')}`,
      name,
      description: `${name}. ${leaf.path}. Qualidade ${pick(random, ['premium', 'garantida', 'de fábrica'])}, envio para todo o Brasil.`,
      price,
      promoPrice: promo,
      stock,
      available: stock > 0 || random() < 0.3,
      weight: randInt(random, spec.weight[0], spec.weight[1]),
      height: randInt(random, 2, 40),
      width: randInt(random, 10, 50),
      length: randInt(random, 10, 60),
      categoryId: leaf.id,
      brandId: brandId(pick(random, spec.brands)),
      characteristics: chars,
    });
  }

  const customers: DemoCustomer[] = [];
  const TOTAL_CUSTOMERS = 25;
  for (let i = 0; i < TOTAL_CUSTOMERS; i++) {
    // The last four are companies; the very last one has an alphanumeric CNPJ (valid since July 2026).
    const company = i >= TOTAL_CUSTOMERS - 4;
    const name = company
      ? (COMPANY_NAMES[i - (TOTAL_CUSTOMERS - 4)] as string)
      : i === 0
        ? 'João da Conceição Gonçalves'
        : `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const place = i === 0 ? (CITIES[0] as (typeof CITIES)[number]) : pick(random, CITIES);
    const emailUser = ascii(name.split(' ').slice(0, 2).join(' '));
    customers.push({
      id: 5001 + i * 7,
      name,
      kind: company ? 'cnpj' : 'cpf',
      document: company ? makeCnpj(random, i === TOTAL_CUSTOMERS - 1) : makeCpf(random),
      rgIe: company ? digits(random, 9) : `${digits(random, 2)}.${digits(random, 3)}.${digits(random, 3)}-${digits(random, 1)}`,
      email: `${emailUser}${i}@${pick(random, ['exemplo.com.br', 'correio.com.br', 'email.com'])}`,
      phone: `(${randInt(random, 11, 99)}) 9${digits(random, 4)}-${digits(random, 4)}`,
      street: pick(random, place.streets),
      number: String(randInt(random, 10, 2999)),
      complement: pick(random, COMPLEMENTS),
      district: pick(random, place.districts),
      city: place.city,
      uf: place.uf,
      cep: place.cep + digits(random, 3),
    });
  }

  const homeProducts = products.filter((p) => {
    const path = categories.find((c) => c.id === p.categoryId)?.path ?? '';
    return path.startsWith('Casa');
  });
  const COUPLES: Array<[string, string, string]> = [
    ['Lista de Cecília e Vinícius', 'Cecília Magalhães e Vinícius Araújo', '2027-03-20'],
    ['Casamento de Inês e Estêvão', 'Inês Falcão e Estêvão Brandão', '2027-05-08'],
    ['Chá de casa nova de Thaís e Caio', 'Thaís Simões e Caio Nóbrega', '2027-09-11'],
  ];
  const weddingLists: DemoWeddingList[] = COUPLES.map(([name, couple, eventDate], i) => ({
    id: 701 + i,
    name,
    couple,
    eventDate,
    email: `${ascii(couple.split(' ')[0] ?? 'noivos')}.noivos@exemplo.com.br`,
    items: sample(random, homeProducts, randInt(random, 4, 7)).map((p) => ({ productId: p.id, quantity: randInt(random, 1, 3) })),
  }));

  return { seed, categories, brands, characteristics, products, customers, weddingLists };
};
