/**
 * The one place the reliability suite gets its credentials from.
 *
 * Today every test runs the emulator in its default auth mode (`lenient`: any bearer token is
 * accepted, its claims name the caller unverified). The token is JWT-shaped and names the test
 * principal (so vaults declared with `testPolicy()` let it in), and its signature part is a marker
 * value: if the token ever reaches a log, an audit file or an error message, the leak scan finds it.
 */
import { fakeJwt } from '../../helpers/emulator';
import { marker } from './artifacts';

const TOKEN = `${fakeJwt({ exp: Math.floor(Date.now() / 1000) + 24 * 3600 })}${marker('token', 12)}`;

/** The bearer token of this test process. */
export function bearerToken(): string {
  return TOKEN;
}

/** The value of the Authorization header. */
export function authorization(): string {
  return `Bearer ${TOKEN}`;
}
