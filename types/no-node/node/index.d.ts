// The page's typecheck (tsconfig.web.json) finds Node.js's typings here, and nothing in them: a
// dependency's `/// <reference types="node" />` (PatternFly's Tabs.d.ts has one) would otherwise
// declare Node's globals (process, Buffer, require) for browser code too.
export {};
