/** The languages the Route Lens server analyses. */
export const ROUTE_LENS_LANGUAGES: readonly string[] = ['route-table', 'wireguard', 'openvpn', 'networkmanager', 'strongswan', 'xl2tpd', 'ppp-options', 'ppp-secrets'];

/** Languages a pasted dump or config often arrives in before Route Lens claims it. */
export const GENERIC_LANGUAGES: readonly string[] = ['plaintext', 'log', 'ini', 'properties'];
