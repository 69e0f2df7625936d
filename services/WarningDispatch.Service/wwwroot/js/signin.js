// Sign-in: a cookie session, then each role goes to its console.
import { api, whoAmI } from './api.js';
import { initI18n, t } from './i18n.js';
import { wireLanguageSwitch } from './ui.js';

const $ = (id) => document.getElementById(id);
const home = (me) => (me.role === 'FieldOfficer' ? 'console.html' : 'board.html');

await initI18n();
wireLanguageSwitch();

// Already signed in (a bookmark of the root page): straight on.
const me = await whoAmI().catch(() => null);
if (me) location.replace(home(me));

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const err = $('signin-error');
  err.hidden = true;
  const username = $('username').value.trim(), password = $('password').value;
  if (!username || !password) {
    err.textContent = t('signin.missing');
    err.hidden = false;
    return;
  }
  $('signin').disabled = true;
  try {
    await api('POST', '/api/auth/login?useCookies=true', { username, password });
    location.replace(home(await api('GET', '/api/auth/me')));
  } catch (ex) {
    err.textContent = ex.status === 401 ? t('signin.failed') : ex.status === 0 ? t('error.offline') : ex.message;
    err.hidden = false;
    $('signin').disabled = false;
  }
});

// Only now may the form be submitted: before, the browser would send it itself (and the password with it).
$('signin').disabled = false;

$('demo-accounts').addEventListener('click', (e) => {
  const user = e.target.closest('[data-user]')?.dataset.user;
  if (user) { $('username').value = user; $('password').focus(); }
});
