// Internal: load state shared by the entry files and api.mjs. Not part of the public API.
export const state = { ready: false, initializer: null };
