// vscode-languageclient publishes 'vscode-languageclient/node' only through
// package.json "exports", which this project's moduleResolution ("node")
// does not read. This maps the subpath to its declaration file for tsc;
// esbuild reads "exports" and bundles the real module.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
