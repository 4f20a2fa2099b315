// The kiosk operator's own IndexedDB database (docs/decisions.md D19), apart from the response
// journal ("manyi"), whose versions and stores belong to the delivery code:
//   settings   {key: 'kiosk', value: manyi.kiosk-settings/1 JSON}
//              {key: 'pin', value: 'pbkdf2-sha256$…'}  the operator PIN, salted and hashed
//              {key: 'lockout', value: '{"failures":N,"locked_until_ms":T}'}
//   followups  {response_id, value: manyi.followup/1 JSON}  one per complaint followed up
// Everything is read once before the widget starts (stored settings override the mount options)
// and written with durability "strict": an operator's change is on disk when the panel says so.
export const OPERATOR_DB = 'manyi-kiosk';
const VERSION = 1;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error || new Error('IndexedDB request failed'));
  });
}

function open(name) {
  return new Promise((resolve, reject) => {
    let req;
    try { req = indexedDB.open(name, VERSION); } catch (err) { reject(err); return; }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings', { keyPath: 'key' });
      if (!db.objectStoreNames.contains('followups')) db.createObjectStore('followups', { keyPath: 'response_id' });
    };
    req.onblocked = () => reject(new Error('blocked by another tab holding an older version open'));
    req.onerror = () => reject(req.error || new Error('could not be opened'));
    req.onsuccess = () => resolve(req.result);
  });
}

/**
 * Opens the database and reads it whole. Never throws: a failure is returned as `error` (the
 * panel says so plainly, and the widget still collects responses).
 * @returns {Promise<{db: IDBDatabase|null, error: string, settings: string, pin: string, lockout: string, followups: string[]}>}
 */
export async function loadOperatorData(name = OPERATOR_DB) {
  const out = { db: null, error: '', settings: '', pin: '', lockout: '', followups: [] };
  try {
    const db = await open(name);
    db.onversionchange = () => db.close();
    const tx = db.transaction(['settings', 'followups'], 'readonly');
    const [settings, followups] = await Promise.all([
      request(tx.objectStore('settings').getAll()),
      request(tx.objectStore('followups').getAll()),
    ]);
    for (const rec of settings) {
      if (typeof rec.value !== 'string') continue;
      if (rec.key === 'kiosk') out.settings = rec.value;
      else if (rec.key === 'pin') out.pin = rec.value;
      else if (rec.key === 'lockout') out.lockout = rec.value;
    }
    out.followups = followups.map((rec) => rec.value).filter((v) => typeof v === 'string');
    out.db = db;
  } catch (err) {
    out.error = `the operator database (IndexedDB "${name}") is not available: ${err && err.message}`;
  }
  return out;
}

/** Writes (value a string) or deletes (value null) one record; resolves when durable. */
export function operatorWrite(db, store, key, value) {
  return new Promise((resolve, reject) => {
    if (!db) { reject(new Error('the operator database is not open')); return; }
    let tx;
    try {
      tx = db.transaction(store, 'readwrite', { durability: 'strict' });
      const os = tx.objectStore(store);
      const keyPath = store === 'followups' ? 'response_id' : 'key';
      if (value === null) os.delete(key);
      else os.put({ [keyPath]: key, value });
    } catch (err) {
      reject(err);
      return;
    }
    tx.oncomplete = () => resolve();
    tx.onabort = () => {
      const e = tx.error;
      reject(new Error(e && e.name === 'QuotaExceededError' ? 'the device storage is full (quota exceeded)' : 'write aborted: ' + (e && e.message)));
    };
  });
}

/** The survey URL the operator saved, if any (applied before the survey is fetched). */
export function savedSurveyUrl(settingsJson) {
  try {
    const s = JSON.parse(settingsJson);
    return s && typeof s.survey_url === 'string' && s.survey_url ? s.survey_url : '';
  } catch (err) {
    return '';
  }
}
