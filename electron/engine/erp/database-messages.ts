/** What Configurações → Banco de dados says about the ERP database form (pt-BR first). */
import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  'dbs.source': { 'pt-BR': 'banco do ERP', en: 'ERP database' },
  'dbs.sqliteFile': {
    'pt-BR': 'SQLite é lido pelo arquivo de mapeamento (Configurações → Fonte do ERP → Caminho); teste-o com a sincronização do catálogo',
    en: 'SQLite is read through the mapping file (Settings → ERP source → Path); check it with a catalogue sync',
  },
  'dbs.missing': { 'pt-BR': 'Banco de dados do ERP: preencha {fields}', en: 'ERP database: fill in {fields}' },
  'dbs.field.host': { 'pt-BR': 'o Servidor', en: 'the Server' },
  'dbs.field.database': { 'pt-BR': 'o Banco de dados', en: 'the Database' },
  'dbs.field.databaseFirebird': { 'pt-BR': 'o Arquivo ou apelido do banco', en: 'the Database file or alias' },
  'dbs.field.user': { 'pt-BR': 'o Usuário', en: 'the User' },
  'dbs.field.charset': { 'pt-BR': 'o Conjunto de caracteres (WIN1252, ISO8859_1, UTF8 ou NONE)', en: 'the Character set (WIN1252, ISO8859_1, UTF8 or NONE)' },
  'dbs.field.password': { 'pt-BR': 'a Senha', en: 'the Password' },
  'dbs.field.products': { 'pt-BR': 'a consulta de Produtos', en: 'the Products query' },
  'dbs.field.order': { 'pt-BR': 'a gravação do Pedido (os itens e a checagem dependem dela)', en: 'the Order write (items and the check depend on it)' },
  'dbs.noQuery': { 'pt-BR': 'a consulta {query} está em branco', en: 'the {query} query is blank' },
  'dbs.queryFailed': { 'pt-BR': 'consulta {query}: {cause}', en: '{query} query: {cause}' },
  'dbs.garbled': {
    'pt-BR': "consulta {query}, linha {row}, coluna {column}: o texto '{sample}' chegou com caracteres trocados (�); {advice}",
    en: "{query} query, row {row}, column {column}: the text '{sample}' arrived with replaced characters (�); {advice}",
  },
  'dbs.ok': { 'pt-BR': 'Conectado: {version}. {summary}.', en: 'Connected: {version}. {summary}.' },
  'dbs.queriesRead.one': { 'pt-BR': '1 consulta lida sem problema', en: '1 query read without a problem' },
  'dbs.queriesRead.other': { 'pt-BR': '{count} consultas lidas sem problema', en: '{count} queries read without a problem' },
  'dbs.summary.one': { 'pt-BR': '{query}: 1 linha lida', en: '{query}: 1 row read' },
  'dbs.summary.other': { 'pt-BR': '{query}: {rows} linhas lidas', en: '{query}: {rows} rows read' },
  'dbs.noReads': { 'pt-BR': 'nenhuma consulta preenchida', en: 'no query filled in' },
  'dbs.readOnly': {
    'pt-BR': 'Sem gravação de pedidos: os pedidos serão exportados só para arquivos (CSV ou planilha)',
    en: 'No order writes: orders will be exported to files only (CSV or workbook)',
  },
  'query.products': { 'pt-BR': 'Produtos', en: 'Products' },
  'query.variants': { 'pt-BR': 'Variações', en: 'Variants' },
  'query.categories': { 'pt-BR': 'Categorias', en: 'Categories' },
  'query.brands': { 'pt-BR': 'Marcas', en: 'Brands' },
  'query.characteristics': { 'pt-BR': 'Características', en: 'Characteristics' },
  'query.customers': { 'pt-BR': 'Clientes', en: 'Customers' },
  'query.weddingLists': { 'pt-BR': 'Listas de casamento', en: 'Wedding lists' },
  'query.weddingListItems': { 'pt-BR': 'Itens das listas', en: 'Wedding list items' },
  'query.shippingUpdates': { 'pt-BR': 'Envios e rastreios', en: 'Shipments and tracking codes' },
});
