/** The blank template workbook: every sheet with its headers, and an "Instruções" sheet in pt-BR. */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ENTITIES, PRODUCTS } from './columns.ts';
import { nodeIo, writeAtomic } from './io.ts';
import { ITEM_HEADERS, ORDER_HEADERS } from './orders-table.ts';
import { ITEMS_SHEET, ITEMS_CSV, ORDERS_CSV, ORDERS_SHEET } from './spreadsheet.ts';

const GENERAL = [
  'Modelo de planilha do Ponte (sincronização do ERP com a loja Tray).',
  '',
  'Preencha as abas Produtos, Categorias, Marcas, Caracteristicas, Clientes, ListasCasamento, ItensListas e Rastreios.',
  'A primeira linha de cada aba é o cabeçalho. Maiúsculas, acentos e pontuação não importam, e cada coluna aceita outros nomes (veja abaixo).',
  'As colunas marcadas "obrigatória" precisam existir e estar preenchidas. Colunas a mais são ignoradas.',
  'Valores: 1.234,56 ou 12,5 (vírgula decimal). Um valor só com pontos em grupos de 3 (1.234) é milhar; outro ponto (12.5) é decimal.',
  'Datas: dd/mm/aaaa (ou uma célula de data do Excel). Sim/Não: Sim, Não, S, N.',
  'Características do produto: uma coluna por característica com o título "Caract: Nome" (ex.: "Caract: Cor"), ou a coluna Características com Cor=Azul|Tamanho=M.',
  'Listas de casamento: uma linha por lista em ListasCasamento; os produtos de cada lista em ItensListas (Lista, SKU, Quantidade).',
  `O Ponte escreve os pedidos da loja nas abas ${ORDERS_SHEET} e ${ITEMS_SHEET}, sem repetir um pedido já escrito (chave: coluna Pedido, o número do pedido na Tray).`,
  'Linhas com problema são ignoradas e listadas no Ponte (aba, linha, coluna e motivo); as demais são usadas normalmente.',
  `Também funciona com uma pasta de arquivos .csv (separador ;) com os nomes ${ENTITIES.map((e) => e.csv).join(', ')}; os pedidos vão para ${ORDERS_CSV} e ${ITEMS_CSV}. Os arquivos podem ser UTF-8 (com ou sem BOM) ou o "CSV" padrão do Excel (Windows-1252).`,
  'Verifique a planilha a qualquer momento com: npm run erp -- check CAMINHO',
];

export const writeTemplate = async (file: string): Promise<void> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ponte';
  const help = workbook.addWorksheet('Instruções');
  help.getColumn(1).width = 24;
  help.getColumn(2).width = 22;
  help.getColumn(3).width = 14;
  help.getColumn(4).width = 60;
  help.getColumn(5).width = 70;
  for (const line of GENERAL) help.addRow([line]);
  for (const def of ENTITIES) {
    help.addRow([]);
    help.addRow([`Aba ${def.sheet} (ou ${def.csv})`, def.help]).font = { bold: true };
    help.addRow(['Coluna', 'Obrigatória', 'Tipo', 'Como preencher', 'Outros nomes aceitos']).font = { italic: true };
    for (const c of def.columns) {
      help.addRow([c.label, c.required ? 'obrigatória' : '', c.kind, c.help, c.aliases.slice(1).join(', ')]);
    }
  }
  help.addRow([]);
  help.addRow([`Abas ${ORDERS_SHEET} e ${ITEMS_SHEET}`, 'Escritas pelo Ponte; não é preciso preenchê-las.']).font = { bold: true };

  for (const def of ENTITIES) {
    const sheet = workbook.addWorksheet(def.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = def.columns.filter((c) => c.kind !== 'characteristics').map((c) => c.label);
    if (def === PRODUCTS) headers.push('Caract: Cor', 'Caract: Tamanho');
    sheet.addRow(headers).font = { bold: true };
    headers.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.max(12, h.length + 4);
    });
  }
  for (const [name, headers] of [[ORDERS_SHEET, ORDER_HEADERS], [ITEMS_SHEET, ITEM_HEADERS]] as const) {
    workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] }).addRow([...headers]).font = { bold: true };
  }
  await fsp.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeAtomic(nodeIo, file, Buffer.from(await workbook.xlsx.writeBuffer()));
};
