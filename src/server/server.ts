// Placeholder entry so the build lays out dist/server.js; the language server arrives with issue 3.
export {};
