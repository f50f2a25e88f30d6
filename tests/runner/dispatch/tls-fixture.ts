/**
 * A self-signed certificate for `faasbench.test` and 127.0.0.1, valid until 2126, made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
 *  -subj "/CN=faasbench.test" -addext "subjectAltName=DNS:faasbench.test,IP:127.0.0.1"`.
 * Test-only: it protects nothing.
 */
export const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBqjCCAVCgAwIBAgIUCSKuNxe7paEhetXyB61KtQJU9KowCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOZmFhc2JlbmNoLnRlc3QwIBcNMjYxMTIzMTY0MTU1WhgPMjEy
NjEwMzAxNjQxNTVaMBkxFzAVBgNVBAMMDmZhYXNiZW5jaC50ZXN0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEk6u3apZHln1MRBbQdzXdgwrQPwzizk2Jc/zmRdcc
bamzc/7+bp2nEm51Lh5dbYLqmPpdmbowlnu/PGP/dDZUL6N0MHIwHQYDVR0OBBYE
FKLj7x7GguaItxeJ0s2esGxrlytsMB8GA1UdIwQYMBaAFKLj7x7GguaItxeJ0s2e
sGxrlytsMA8GA1UdEwEB/wQFMAMBAf8wHwYDVR0RBBgwFoIOZmFhc2JlbmNoLnRl
c3SHBH8AAAEwCgYIKoZIzj0EAwIDSAAwRQIhAORfu3y029vb5XT0NpvJjnZzjgmL
RfRvq/dXHx9ztTP3AiAoclhASfsS553MWphNxO5lQZg7QHp25NlX2ZLNEIXbAQ==
-----END CERTIFICATE-----
`;

export const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwElEnwIypUuP2wpq
kLlQTe74MkHCWBk9JCVlufHTTCmhRANCAASTq7dqlkeWfUxEFtB3Nd2DCtA/DOLO
TYlz/OZF1xxtqbNz/v5unacSbnUuHl1tguqY+l2ZujCWe788Y/90NlQv
-----END PRIVATE KEY-----
`;
