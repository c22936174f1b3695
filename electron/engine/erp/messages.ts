/** Every text the ERP connectors show the merchant (problems, template instructions, CLI). */
import { defineMessages } from '../../../shared/i18n/index.ts';

export const t = defineMessages({
  // Location prefixes: "Produtos, linha 14, coluna Preço: ..."
  'where.row': { 'pt-BR': '{place}, linha {row}', en: '{place}, row {row}' },
  'where.rowColumn': { 'pt-BR': '{place}, linha {row}, coluna {column}', en: '{place}, row {row}, column {column}' },
  'where.column': { 'pt-BR': '{place}, coluna {column}', en: '{place}, column {column}' },

  // Cell values
  'value.notNumber': { 'pt-BR': "'{value}' não é um valor", en: "'{value}' is not a number" },
  'value.notInteger': { 'pt-BR': "'{value}' não é um número inteiro", en: "'{value}' is not a whole number" },
  'value.notDate': { 'pt-BR': "'{value}' não é uma data (use dd/mm/aaaa)", en: "'{value}' is not a date (use dd/mm/yyyy)" },
  'value.notBoolean': { 'pt-BR': "'{value}' não é Sim ou Não", en: "'{value}' is not Yes or No" },
  'value.required': { 'pt-BR': 'valor obrigatório em branco', en: 'required value is blank' },
  'value.controlChar': {
    'pt-BR': "o texto '{sample}' tem um caractere de controle invisível (código {code}), que a loja não aceita; apague-o no cadastro",
    en: "the text '{sample}' has an invisible control character (code {code}), which the store does not accept; delete it from the record",
  },
  'value.negative': { 'pt-BR': "'{value}' é negativo", en: "'{value}' is negative" },
  'value.negativeStock': { 'pt-BR': "estoque negativo ({value})", en: 'negative stock ({value})' },
  'value.promoNotLower': {
    'pt-BR': 'preço promocional {promo} não é menor que o preço {price}',
    en: 'promotional price {promo} is not lower than the price {price}',
  },
  'value.badStatus': {
    'pt-BR': "'{value}' não é um status conhecido (aceitos: {accepted})",
    en: "'{value}' is not a known status (accepted: {accepted})",
  },
  'value.badOrderId': { 'pt-BR': "'{value}' não é um número de pedido", en: "'{value}' is not an order number" },
  'value.badCpf': { 'pt-BR': "CPF '{value}' inválido (dígitos verificadores não conferem)", en: "CPF '{value}' is invalid (check digits do not match)" },
  'value.badCnpj': { 'pt-BR': "CNPJ '{value}' inválido (dígitos verificadores não conferem)", en: "CNPJ '{value}' is invalid (check digits do not match)" },
  'value.badDocument': {
    'pt-BR': "'{value}' não é um CPF (11 dígitos) nem um CNPJ (14 caracteres)",
    en: "'{value}' is neither a CPF (11 digits) nor a CNPJ (14 characters)",
  },
  'value.badCharacteristics': {
    'pt-BR': "'{value}' não está no formato Nome=Valor|Nome=Valor",
    en: "'{value}' is not in the form Name=Value|Name=Value",
  },

  // Rows and references
  'row.duplicateSku': {
    'pt-BR': "SKU '{sku}' repetido (linhas {rows}); nenhuma das linhas foi usada",
    en: "SKU '{sku}' repeated (rows {rows}); none of the rows was used",
  },
  'row.duplicateKey': {
    'pt-BR': "código '{key}' repetido (linhas {rows}); nenhuma das linhas foi usada",
    en: "code '{key}' repeated (rows {rows}); none of the rows was used",
  },
  'row.duplicateDocument': {
    'pt-BR': "CPF/CNPJ '{key}' repetido (linhas {rows}); nenhuma das linhas foi usada",
    en: "CPF/CNPJ '{key}' repeated (rows {rows}); none of the rows was used",
  },
  'row.missingParent': {
    'pt-BR': "a categoria pai '{parent}' não existe na aba Categorias",
    en: "the parent category '{parent}' does not exist in the Categorias sheet",
  },
  'row.parentRefused': {
    'pt-BR': "a categoria pai '{parent}' foi recusada (veja o problema dela)",
    en: "the parent category '{parent}' was refused (see its problem)",
  },
  'row.parentCycle': {
    'pt-BR': "a categoria '{key}' é pai de si mesma (direta ou indiretamente)",
    en: "the category '{key}' is its own parent (directly or indirectly)",
  },
  'row.unknownCategory': {
    'pt-BR': "a categoria '{category}' não existe na aba Categorias (ou foi recusada)",
    en: "the category '{category}' does not exist in the Categorias sheet (or was refused)",
  },
  'row.variantSkuIsProduct': {
    'pt-BR': "o SKU '{sku}' já é de um produto (aba Produtos, linha {row}): a variação precisa de um SKU próprio",
    en: "the SKU '{sku}' is a product's already (Produtos sheet, row {row}): the variant needs a SKU of its own",
  },
  'row.variantHalfOption': {
    'pt-BR': 'Variação 2 e Valor 2 vão juntos: preencha os dois ou deixe os dois em branco',
    en: 'Variação 2 and Valor 2 go together: fill both or leave both empty',
  },
  'row.variantPrice': {
    'pt-BR': 'o preço da variação precisa ser maior que zero (em branco: o preço do produto)',
    en: "the variant's price must be above zero (empty: the product's price)",
  },
  'row.unknownSku': {
    'pt-BR': "o SKU '{sku}' não existe na aba Produtos (ou foi recusado)",
    en: "the SKU '{sku}' does not exist in the Produtos sheet (or was refused)",
  },
  'row.unknownList': {
    'pt-BR': "a lista '{list}' não existe na aba ListasCasamento (ou foi recusada)",
    en: "the list '{list}' does not exist in the ListasCasamento sheet (or was refused)",
  },

  // Files and sheets
  'file.missingColumn': {
    'pt-BR': '{place}: falta a coluna obrigatória {column} (nomes aceitos: {aliases}); nenhuma linha foi lida',
    en: '{place}: the required column {column} is missing (accepted names: {aliases}); no row was read',
  },
  'file.missingSheet': {
    'pt-BR': '{file}: falta a aba {sheet} (ou o arquivo {csv} na pasta)',
    en: '{file}: the sheet {sheet} is missing (or the file {csv} in the folder)',
  },
  'file.notFound': { 'pt-BR': '{file}: arquivo ou pasta não encontrado', en: '{file}: file or folder not found' },
  'file.locked': {
    'pt-BR': '{file}: o arquivo está aberto em outro programa (Excel?); feche-o e tente de novo',
    en: '{file}: the file is open in another program (Excel?); close it and try again',
  },
  'file.unreadable': {
    'pt-BR': '{file}: não foi possível ler o arquivo ({cause})',
    en: '{file}: the file could not be read ({cause})',
  },
  'file.notXlsx': {
    'pt-BR': 'não é uma planilha .xlsx válida; salve como "Pasta de Trabalho do Excel"',
    en: 'not a valid .xlsx workbook; save as "Excel Workbook"',
  },
  'file.tooLarge': {
    'pt-BR': 'a parte {part} passa de {mb} MB descompactada; o arquivo está corrompido ou não é uma planilha comum',
    en: 'part {part} exceeds {mb} MB uncompressed; the file is corrupt or not an ordinary workbook',
  },
  'file.noCsv': {
    'pt-BR': '{file}: a pasta não tem nenhum arquivo .csv conhecido (produtos.csv, categorias.csv, ...)',
    en: '{file}: the folder has no known .csv file (produtos.csv, categorias.csv, ...)',
  },
  'file.unsupported': {
    'pt-BR': '{file}: use uma planilha .xlsx ou uma pasta com arquivos .csv',
    en: '{file}: use an .xlsx workbook or a folder of .csv files',
  },

  // SQL
  'sql.badMapping': { 'pt-BR': '{file}: mapeamento inválido: {cause}', en: '{file}: invalid mapping: {cause}' },
  'sql.queryFailed': { 'pt-BR': '{file}, consulta {query}: {cause}', en: '{file}, query {query}: {cause}' },
  'sql.writeFailed': { 'pt-BR': 'pedido {order}: falha ao gravar no ERP: {cause}', en: 'order {order}: failed to write to the ERP: {cause}' },
  'sql.noWrites': {
    'pt-BR': '{file}: o mapeamento não tem gravação de pedidos (usuário só de leitura); exporte os pedidos para arquivo (Exportar → CSV ou planilha)',
    en: '{file}: the mapping has no order writes (read-only user); export orders to a file instead (Export → CSV or workbook)',
  },
  'sql.query': { 'pt-BR': 'consulta {query}', en: 'query {query}' },
  // Database servers (Firebird, PostgreSQL, MariaDB/MySQL): each failure names the setting to check
  'db.down': {
    'pt-BR': 'o servidor {driver} em {host}:{port} não respondeu ({cause}); confira se o servidor do ERP está ligado, o Servidor e a Porta',
    en: 'the {driver} server at {host}:{port} did not answer ({cause}); check that the ERP server is running, the Server and the Port',
  },
  'db.lost': {
    'pt-BR': 'a conexão com o servidor {driver} em {host}:{port} caiu ({cause}); nada foi perdido: a próxima execução tenta de novo',
    en: 'the connection to the {driver} server at {host}:{port} was lost ({cause}); nothing was lost: the next run tries again',
  },
  'db.auth': {
    'pt-BR': "usuário '{user}' ou senha recusados pelo servidor {driver}; confira o Usuário e a Senha",
    en: "user '{user}' or password refused by the {driver} server; check the User and the Password",
  },
  'db.authLegacy': {
    'pt-BR': "usuário '{user}' ou senha recusados pelo Firebird; confira o Usuário e a Senha (usuários antigos, do Firebird 2.5, pedem Autenticação \"legada\")",
    en: "user '{user}' or password refused by Firebird; check the User and the Password (old Firebird 2.5 users need \"legacy\" authentication)",
  },
  'db.notFound': {
    'pt-BR': "o banco '{database}' não existe no servidor {driver}; confira o Banco de dados",
    en: "the database '{database}' does not exist on the {driver} server; check the Database",
  },
  'db.fbNotFound': {
    'pt-BR': "o arquivo ou apelido '{database}' não foi encontrado no servidor Firebird; informe o caminho no servidor (ex.: C:\\Clipp\\Base\\CLIPP.FDB) ou um apelido do databases.conf",
    en: "the file or alias '{database}' was not found on the Firebird server; give the path on the server (e.g. C:\\Clipp\\Base\\CLIPP.FDB) or an alias from databases.conf",
  },
  'db.wireCrypt': {
    'pt-BR': 'o servidor Firebird recusou a conexão por causa da criptografia do tráfego ({cause}); mude a opção Criptografia do tráfego (WireCrypt)',
    en: 'the Firebird server refused the connection because of wire encryption ({cause}); change the Wire encryption setting',
  },
  'db.nulRefused': {
    'pt-BR': 'um texto tem o caractere NUL (código 0), que o {driver} não guarda ({cause}); corrija o dado na loja',
    en: 'a text has the NUL character (code 0), which {driver} cannot store ({cause}); fix the data in the store',
  },
  'db.permission': {
    'pt-BR': "o usuário '{user}' não tem permissão para isto ({cause}); peça ao responsável pelo ERP um GRANT SELECT (leitura) ou INSERT (gravação de pedidos)",
    en: "the user '{user}' has no permission for this ({cause}); ask the ERP administrator for a GRANT SELECT (reading) or INSERT (writing orders)",
  },
  'db.timeout': {
    'pt-BR': 'o servidor {driver} em {host}:{port} demorou demais para responder; confira o Servidor, a Porta e o firewall',
    en: 'the {driver} server at {host}:{port} took too long to answer; check the Server, the Port and the firewall',
  },
  'db.noPassword': {
    'pt-BR': 'falta a senha do banco de dados do ERP; informe-a em Configurações',
    en: 'the ERP database password is missing; enter it in Settings',
  },
  'db.garbled': {
    'pt-BR': "{place}: o texto '{sample}' chegou com caracteres trocados (�): o conjunto de caracteres da conexão não é o do banco; {advice}",
    en: "{place}: the text '{sample}' arrived with replaced characters (�): the connection charset is not the database's; {advice}",
  },
  'db.garbledFirebird': {
    'pt-BR': 'mude o Conjunto de caracteres (bancos de ERPs brasileiros costumam usar WIN1252 ou ISO8859_1)',
    en: 'change the Character set (Brazilian ERP databases usually use WIN1252 or ISO8859_1)',
  },
  'db.garbledOther': {
    'pt-BR': 'o banco guarda o texto numa codificação diferente da declarada; corrija a codificação das colunas no banco ou use uma consulta que a converta',
    en: 'the database stores text in a different encoding than declared; fix the columns encoding or use a query that converts it',
  },
  'db.connectionOk': {
    'pt-BR': 'Conectado ao {driver} ({version}). Consultas: {summary}.',
    en: 'Connected to {driver} ({version}). Queries: {summary}.',
  },
  'db.querySummary': { 'pt-BR': '{query}: {rows} linha(s)', en: '{query}: {rows} row(s)' },
  'db.changeColumnMissing': {
    'pt-BR': "{place}: a coluna de alteração '{column}' não está no resultado da consulta; inclua-a no SELECT",
    en: "{place}: the change column '{column}' is not in the query result; include it in the SELECT",
  },
});

export type ErpMessageKey = Parameters<typeof t>[0];
