/**
 * The engine's idle time (issue 15): the settings' engineIdleMinutes (shared/settings.js; the
 * organisation may preset it) in milliseconds, read once and again whenever the settings change.
 * The engine host unloads its worker after this long without a call (engine/host.js); Chrome's
 * service worker passes it to the offscreen document with each message once it has been read (a
 * message never waits for the read), Firefox's background page sets it on its host.
 */

import { LIMITS } from "../shared/protocol.js";
import * as S from "../shared/settings.js";

const toMs = (minutes) => (Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60000) : LIMITS.idleMs);

/**
 * `api`: chrome (or browser). Returns {ms() -> Promise<number>, known() -> number | null (the
 * value of the last finished read, without waiting), onChange(listener(ms))}.
 * Its storage listener is added at once: call this at the top level of the background.
 */
export function engineIdleTime(api = globalThis.chrome) {
  let current = null;
  let value = null;
  const listeners = [];
  const read = () => {
    current = S.load()
      .then(
        ({ settings }) => toMs(settings.engineIdleMinutes),
        () => LIMITS.idleMs,
      )
      .then((ms) => {
        value = ms;
        return ms;
      });
    return current;
  };
  api.storage.onChanged.addListener((changes, area) => {
    if ((area === "sync" && changes[S.KEY]) || area === "managed") {
      read().then((ms) => {
        for (const listener of listeners) listener(ms);
      });
    }
  });
  return {
    ms: () => current ?? read(),
    known: () => value,
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
