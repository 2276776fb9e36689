/**
 * The frame every Hyperstep webview shares: a strict Content Security Policy
 * (no scripts, no remote resources; styles only inline with a nonce) and
 * VS Code's theme colours through its CSS variables. No `vscode` import, so
 * it is unit-tested in plain Node.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

const BASE_STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
h1 { font-size: 1.3em; font-weight: 600; }
.note { color: var(--vscode-descriptionForeground); }
.state { border-left: 3px solid var(--vscode-notificationsInfoIcon-foreground, var(--vscode-focusBorder)); padding: 4px 12px; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 2px 10px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
code, pre { font-family: var(--vscode-editor-font-family); }
`;

export interface PageParts {
  /** webview.cspSource: the only origin resources may come from. */
  cspSource: string;
  title: string;
  /** Trusted HTML: callers escape whatever they interpolate. */
  body: string;
  style?: string;
}

export function page(p: PageParts): string {
  const n = nonce();
  const csp = [`default-src 'none'`, `style-src ${p.cspSource} 'nonce-${n}'`, `img-src ${p.cspSource} data:`, `font-src ${p.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${n}">${BASE_STYLE}${p.style ?? ''}</style>
</head>
<body>
${p.body}
</body>
</html>`;
}
