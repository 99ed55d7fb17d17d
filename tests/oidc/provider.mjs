// A real OpenID provider for mot's sign-in tests: panva's oidc-provider
// (pinned by package-lock.json), with its built-in development login and
// consent pages. Started by the tests:
//
//   node tests/oidc/provider.mjs
//
// It prints its issuer URL on its first line, then serves until stdin
// closes (so it ends with the test that started it). One confidential
// client, "mot" with the secret "mot-test-secret", that must use PKCE and
// may redirect to /auth/oidc/callback on any 127.0.0.1 port (mot's tests
// start on random ports). Any login name signs in: it is the account's
// e-mail address, verified, unless it starts with "unverified+".

import http from 'node:http';
import net from 'node:net';
import Provider from 'oidc-provider';

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const port = Number(process.env.OIDC_PORT) || await freePort();
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'mot',
    client_secret: 'mot-test-secret',
    redirect_uris: ['http://127.0.0.1/auth/oidc/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['mot-oidc-test-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const unverified = id.startsWith('unverified+');
    const email = unverified ? id.slice('unverified+'.length) : id;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: !unverified, name: email.split('@')[0] };
      },
    };
  },
});

// mot's tests listen on random ports: any port of 127.0.0.1, this one path.
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.pathname === '/auth/oidc/callback';
  } catch {
    return false;
  }
};

// Only the issuer goes to stdout (the test reads that one line and may
// close the pipe); everything else the provider says goes to stderr.
for (const k of ['log', 'info', 'debug']) console[k] = (...a) => console.error(...a);
process.stdout.on('error', () => {});

const server = http.createServer(provider.callback());
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${issuer}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
