/**
 * Reads a CSV file record by record, never holding the whole file: a merchant's export of a
 * large catalogue can run to a million lines. The encoding is settled by a first pass over the
 * bytes (BOM; else strict UTF-8 if every byte decodes; else Windows-1252, Excel's default here) —
 * the same rule as `decodeText`, in constant memory — and the separator by the header line.
 */
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { FileIo } from './io.ts';
import { detectDelimiter, type TextEncodingName } from './parse.ts';

const SAMPLE_BYTES = 64 * 1024;

const readSample = async (handle: FileHandle): Promise<Buffer> => {
  const buffer = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
  return buffer.subarray(0, bytesRead);
};

/** A pass of its own (own handle): stopping a stream early must not disturb the reading one. */
const isStrictUtf8 = async (io: FileIo, file: string): Promise<boolean> => {
  const handle = await io.open(file, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
};

const ICONV_NAME: Record<TextEncodingName, string> = {
  'utf-8-bom': 'utf8',
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'windows-1252': 'win1252',
};

export interface CsvStreamInfo {
  encoding: TextEncodingName;
  delimiter: string;
}

/** Calls `onRecord` for each record in file order; the index is the record's position (0 = first). */
export const streamCsvRecords = async (
  io: FileIo,
  file: string,
  onRecord: (record: string[], index: number) => void,
): Promise<CsvStreamInfo> => {
  const handle = await io.open(file, 'r');
  try {
    const sample = await readSample(handle);
    let encoding: TextEncodingName;
    let start = 0;
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) [encoding, start] = ['utf-8-bom', 3];
    else if (sample[0] === 0xff && sample[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
    else encoding = (await isStrictUtf8(io, file)) ? 'utf-8' : 'windows-1252';

    const delimiter = detectDelimiter(iconv.decode(sample.subarray(start), ICONV_NAME[encoding]));
    let index = 0;
    await pipeline(
      handle.createReadStream({ start, autoClose: false }),
      iconv.decodeStream(ICONV_NAME[encoding]),
      parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
      async (records: AsyncIterable<string[]>) => {
        for await (const record of records) onRecord(record, index++);
      },
    );
    return { encoding, delimiter };
  } finally {
    await handle.close();
  }
};
