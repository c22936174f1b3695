import Firebird from 'node-firebird';
const base = { host: '127.0.0.1', port: 38050, database: 'erp', user: 'SYSDBA', password: 'segredo', encoding: 'WIN1252', lowercase_keys: true };
const db = await Firebird.attachAsync(base);
console.log(await db.queryAsync('SELECT n FROM t WHERE n = ?', ['Açaí coração']));
const s = db.queryStream('SELECT n FROM t');
for await (const r of s) console.log('stream', r);
await db.detachAsync();
try { await Firebird.attachAsync({ ...base, password: 'x' }); } catch (e) { console.log('badpw', e.gdscode, e.message); }
try { await Firebird.attachAsync({ ...base, database: 'nope' }); } catch (e) { console.log('noalias', e.gdscode, e.message); }
try { await Firebird.attachAsync({ ...base, port: 38051 }); } catch (e) { console.log('down', e.code, e.message); }
try { const d = await Firebird.attachAsync({ ...base, user: 'LEGADO', password: 'velho', pluginName: Firebird.AUTH_PLUGIN_LEGACY }); console.log('legacy ok'); await d.detachAsync(); } catch (e) { console.log('legacy', e.gdscode, e.message); }
try { const d = await Firebird.attachAsync({ ...base, encoding: 'UTF8' }); console.log(await d.queryAsync('SELECT n FROM t')); await d.detachAsync(); } catch (e) { console.log('utf8', e.message); }
try { const d = await Firebird.attachAsync({ ...base, encoding: 'NONE' }); console.log('NONE', await d.queryAsync('SELECT n FROM t')); await d.detachAsync(); } catch (e) { console.log('none', e.message); }
try { const d = await Firebird.attachAsync({ ...base, wireCrypt: Firebird.WIRE_CRYPT_DISABLE }); console.log('nocrypt ok'); await d.detachAsync(); } catch (e) { console.log('nocrypt', e.message); }
