// Adds the lockfile entries that `npm install` leaves out when the registry it talks to lacks a
// platform's optional native binding. The npm mirror of the development machine serves only the
// linux bindings of unrs-resolver (a jest dependency); without the other platforms' entries
// `npm ci` refuses the lockfile as out of sync with package.json. The entries carry os/cpu/libc,
// so npm skips them on platforms they are not for and fetches them (without a recorded hash) on
// the ones they are. Run after any `npm install` that rewrites package-lock.json:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const LOCKFILE = new URL("../package-lock.json", import.meta.url);

/** napi-rs target suffix → the platform fields npm matches against. */
const TARGETS = {
  "android-arm-eabi": { os: ["android"], cpu: ["arm"] },
  "android-arm64": { os: ["android"], cpu: ["arm64"] },
  "darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "freebsd-x64": { os: ["freebsd"], cpu: ["x64"] },
  "linux-arm-gnueabihf": { os: ["linux"], cpu: ["arm"], libc: ["glibc"] },
  "linux-arm-musleabihf": { os: ["linux"], cpu: ["arm"], libc: ["musl"] },
  "linux-loong64-gnu": { os: ["linux"], cpu: ["loong64"], libc: ["glibc"] },
  "linux-loong64-musl": { os: ["linux"], cpu: ["loong64"], libc: ["musl"] },
  "linux-ppc64-gnu": { os: ["linux"], cpu: ["ppc64"], libc: ["glibc"] },
  "linux-riscv64-gnu": { os: ["linux"], cpu: ["riscv64"], libc: ["glibc"] },
  "linux-riscv64-musl": { os: ["linux"], cpu: ["riscv64"], libc: ["musl"] },
  "linux-s390x-gnu": { os: ["linux"], cpu: ["s390x"], libc: ["glibc"] },
  "openharmony-arm64": { os: ["openharmony"], cpu: ["arm64"] },
  "win32-arm64-msvc": { os: ["win32"], cpu: ["arm64"] },
  "win32-ia32-msvc": { os: ["win32"], cpu: ["ia32"] },
  "win32-x64-msvc": { os: ["win32"], cpu: ["x64"] },
};

const lock = JSON.parse(readFileSync(LOCKFILE, "utf8"));
const original = lock.packages;
const packages = { ...original };
let added = 0;
for (const [path, entry] of Object.entries(original)) {
  const prefix = path.slice(0, path.length - "unrs-resolver".length);
  if (!path.endsWith("node_modules/unrs-resolver")) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${prefix}@unrs/${name.slice("@unrs/".length)}`;
    const target = TARGETS[name.slice("@unrs/resolver-binding-".length)];
    if (packages[key] !== undefined || target === undefined) continue;
    packages[key] = {
      version,
      ...target,
      ...(entry.dev ? { dev: true } : {}),
      license: "MIT",
      optional: true,
    };
    added += 1;
  }
}
// Slot each new entry in before the first existing path that sorts after it, leaving npm's own
// order of everything else untouched so a later `npm install` diff stays small.
const pending = Object.keys(packages).filter((key) => !(key in original)).sort();
const ordered = {};
for (const key of Object.keys(original)) {
  while (pending.length > 0 && pending[0] < key) {
    const next = pending.shift();
    ordered[next] = packages[next];
  }
  ordered[key] = packages[key];
}
for (const key of pending) ordered[key] = packages[key];
lock.packages = ordered;
writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform binding entr${added === 1 ? "y" : "ies"}`);
