/**
 * The download shelf (electron/engine/downloads.ts) and the shell's save step (handleIpcSave):
 * tickets are single use and expire on the injected clock, an unknown ticket gives nothing, the name offered is the
 * one the merchant sees, the configured workbook is never written, a replaced file is backed up
 * first, and only the app's own page may ask for a save. No electron import: the dialog is `ask`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_FOLDER } from '../../electron/engine/erp/backup.ts';
import { createDownloadShelf, DOWNLOAD_TTL_MS, type DownloadShelf } from '../../electron/engine/downloads.ts';
import { handleIpcSave } from '../../electron/shell/ipc.ts';

const APP = 'ponte://app/index.html';

describe('download shelf', () => {
  let dir: string;
  let clock: number;
  let configured: string | null;
  let shelf: DownloadShelf;

  const staged = async (name: string, text: string) => {
    const file = path.join(await shelf.stage(), name);
    writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ponte-downloads-'));
    clock = Date.parse('2026-12-03T10:00:00Z');
    configured = null;
    shelf = createDownloadShelf({ dir: path.join(dir, 'shelf'), now: () => new Date(clock), protectedPath: () => configured });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('offers a file under the name the merchant sees, with its size, behind an unguessable ticket', async () => {
    const file = await staged('x.tmp', 'abc');
    const ticket = await shelf.offer(file, 'modelo-ponte.xlsx');
    expect(ticket).toMatchObject({ name: 'modelo-ponte.xlsx', size: 3 });
    expect(ticket.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await shelf.open(ticket.id)).toEqual({ file, name: 'modelo-ponte.xlsx', size: 3 });
    // Without a name, the file's own.
    expect((await shelf.offer(file)).name).toBe('x.tmp');
    const other = await shelf.offer(file);
    expect(other.id).not.toBe(ticket.id);
  });

  it('an unknown ticket opens nothing and saves nothing', async () => {
    expect(await shelf.open('nope')).toBeNull();
    await expect(shelf.saveTo('nope', path.join(dir, 'a.xlsx'))).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(path.join(dir, 'a.xlsx'))).toBe(false);
  });

  it('a ticket is single use: once taken it opens nothing more; the file stays until expiry, then goes', async () => {
    const file = await staged('a.csv', '1;2');
    const ticket = await shelf.offer(file);
    // Opening (to show the name in a dialog) spends nothing.
    expect(await shelf.open(ticket.id)).not.toBeNull();
    expect(await shelf.take(ticket.id)).toEqual({ file, name: 'a.csv', size: 3 });
    expect(await shelf.take(ticket.id)).toBeNull();
    expect(await shelf.open(ticket.id)).toBeNull();
    await expect(shelf.saveTo(ticket.id, path.join(dir, 'a.csv'))).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(path.join(dir, 'a.csv'))).toBe(false);
    // Two takes at once: exactly one gets the file.
    const raced = await shelf.offer(file);
    const both = await Promise.all([shelf.take(raced.id), shelf.take(raced.id)]);
    expect(both.filter((b) => b !== null)).toHaveLength(1);
    // The spent ticket's folder is still cleaned up on the clock.
    expect(existsSync(file)).toBe(true);
    clock += DOWNLOAD_TTL_MS;
    await shelf.stage();
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('a save spends the ticket; two saves at once copy once; a refused save leaves it usable', async () => {
    const ticket = await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'));
    const target = path.join(dir, 'meu-modelo.xlsx');
    await shelf.saveTo(ticket.id, target);
    await expect(shelf.saveTo(ticket.id, path.join(dir, 'outro.xlsx'))).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(path.join(dir, 'outro.xlsx'))).toBe(false);
    expect(await shelf.take(ticket.id)).toBeNull();

    const raced = await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'));
    const outcomes = await Promise.allSettled([shelf.saveTo(raced.id, path.join(dir, 'b1.xlsx')), shelf.saveTo(raced.id, path.join(dir, 'b2.xlsx'))]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect([existsSync(path.join(dir, 'b1.xlsx')), existsSync(path.join(dir, 'b2.xlsx'))].filter(Boolean)).toHaveLength(1);

    configured = path.join(dir, 'produtos.xlsx');
    writeFileSync(configured, 'the catalogue');
    const kept = await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'));
    await expect(shelf.saveTo(kept.id, configured)).rejects.toMatchObject({ code: 'rejected' });
    expect(await shelf.open(kept.id)).not.toBeNull();
    // A copy that fails (the folder is gone) leaves it usable too.
    await expect(shelf.saveTo(kept.id, path.join(dir, 'sumiu', 'x.xlsx'))).rejects.toThrow();
    expect((await shelf.saveTo(kept.id, path.join(dir, 'x.xlsx'))).path).toBe(path.join(dir, 'x.xlsx'));
  });

  it('a ticket expires after its time, and its staged folder goes with it', async () => {
    const file = await staged('a.csv', '1;2');
    const ticket = await shelf.offer(file);
    clock += DOWNLOAD_TTL_MS - 1;
    expect(await shelf.open(ticket.id)).not.toBeNull();
    clock += 1;
    expect(await shelf.open(ticket.id)).toBeNull();
    expect(existsSync(path.dirname(file))).toBe(false);
    await expect(shelf.saveTo(ticket.id, path.join(dir, 'a.csv'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never writes over the configured workbook, nor into the configured folder of CSVs', async () => {
    configured = path.join(dir, 'produtos.xlsx');
    writeFileSync(configured, 'the catalogue');
    const ticket = await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'));
    await expect(shelf.saveTo(ticket.id, configured)).rejects.toMatchObject({ code: 'rejected', details: { reason: 'configured' } });
    expect(readFileSync(configured, 'utf8')).toBe('the catalogue');

    const folder = path.join(dir, 'csvs');
    configured = folder;
    mkdirSync(folder);
    await expect(shelf.saveTo(ticket.id, path.join(folder, 'produtos.csv'))).rejects.toMatchObject({ code: 'rejected' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('saves a copy where the merchant chose; a file already there is backed up first', async () => {
    const ticket = await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'));
    const target = path.join(dir, 'meu-modelo.xlsx');
    expect(await shelf.saveTo(ticket.id, target)).toEqual({ path: target, backup: null });
    expect(readFileSync(target, 'utf8')).toBe('blank');

    writeFileSync(target, 'filled in');
    // A fresh ticket, as the renderer asks for one on every click: the first is spent.
    const again = await shelf.saveTo((await shelf.offer(await staged('modelo-ponte.xlsx', 'blank'))).id, target);
    expect(again.backup).not.toBeNull();
    expect(path.dirname(again.backup ?? '')).toBe(path.join(dir, BACKUP_FOLDER));
    expect(readFileSync(again.backup ?? '', 'utf8')).toBe('filled in');
    expect(readFileSync(target, 'utf8')).toBe('blank');
    // No temporary file left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('handleIpcSave (the desktop save dialog)', () => {
  let dir: string;
  let shelf: DownloadShelf;
  let asked: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ponte-ipcsave-'));
    shelf = createDownloadShelf({ dir: path.join(dir, 'shelf') });
    asked = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ticketOf = async () => {
    const file = path.join(await shelf.stage(), 'modelo-ponte.xlsx');
    writeFileSync(file, 'blank');
    return shelf.offer(file);
  };
  const ask = (answer: string | null) => async (name: string) => {
    asked.push(name);
    return answer;
  };

  it('a frame that is not the app page gets nothing, and no dialog opens', async () => {
    const ticket = await ticketOf();
    for (const sender of [undefined, 'https://evil.example/index.html', 'ponte://other/index.html', 'file:///tmp/index.html']) {
      const outcome = await handleIpcSave(shelf, sender, APP, ticket.id, ask(path.join(dir, 'x.xlsx')));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'rejected' } });
    }
    expect(asked).toEqual([]);
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  it('refuses a ticket that is not a short string, and an unknown one, before asking', async () => {
    expect(await handleIpcSave(shelf, APP, APP, 42, ask(null))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handleIpcSave(shelf, APP, APP, 'x'.repeat(201), ask(null))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handleIpcSave(shelf, APP, APP, 'unknown', ask(null))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(asked).toEqual([]);
  });

  it('a ticket saves once: the second save of it is not_found and opens no dialog', async () => {
    const ticket = await ticketOf();
    const first = path.join(dir, 'um.xlsx');
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(first))).toMatchObject({ ok: true, result: { saved: true, path: first } });
    const second = path.join(dir, 'dois.xlsx');
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(second))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(asked).toEqual(['modelo-ponte.xlsx']);
    expect(existsSync(second)).toBe(false);
  });

  it('cancelling spends nothing: the same ticket still saves', async () => {
    const ticket = await ticketOf();
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(null))).toMatchObject({ ok: true, result: { saved: false } });
    const target = path.join(dir, 'depois.xlsx');
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(target))).toMatchObject({ ok: true, result: { saved: true, path: target } });
  });

  it('suggests the ticket’s name in the dialog; cancelling writes nothing', async () => {
    const ticket = await ticketOf();
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(null))).toEqual({ ok: true, result: { saved: false, path: null, backup: null } });
    expect(asked).toEqual(['modelo-ponte.xlsx']);
  });

  it('saves where the merchant chose, and passes the shelf’s refusal on as an envelope', async () => {
    const ticket = await ticketOf();
    const target = path.join(dir, 'novo.xlsx');
    expect(await handleIpcSave(shelf, APP, APP, ticket.id, ask(target))).toEqual({ ok: true, result: { saved: true, path: target, backup: null } });
    expect(readFileSync(target, 'utf8')).toBe('blank');

    const guarded = createDownloadShelf({ dir: path.join(dir, 'shelf2'), protectedPath: () => target });
    const file = path.join(await guarded.stage(), 'modelo-ponte.xlsx');
    writeFileSync(file, 'other');
    const t2 = await guarded.offer(file);
    writeFileSync(target, 'catalogue');
    expect(await handleIpcSave(guarded, APP, APP, t2.id, ask(target))).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(readFileSync(target, 'utf8')).toBe('catalogue');
  });
});
