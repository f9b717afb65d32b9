// The page-session protocol (docs/pages.md) over fetch, with HTTP Basic for the signed-in user.
export class Api {
  constructor(user, key) {
    this.auth = 'Basic ' + btoa(unescape(encodeURIComponent(`${user}:${key}`)));
    this.inFlight = 0;
  }

  async call(method, path, body) {
    this.inFlight++;
    document.body.dataset.busy = '1';
    try {
      const res = await fetch(`/pages${path}`, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json().catch(() => ({}));
      if (!res.ok) {
        const message = (json.error?.message ?? `HTTP ${res.status}`).replace(/\s+CorrelationId:\s+[0-9a-f-]+\.$/, '');
        const err = new Error(message);
        err.status = res.status;
        throw err;
      }
      return json;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) document.body.dataset.busy = '0';
    }
  }

  me(lang) { return this.call('GET', `/me?lang=${lang}`); }
  tellMe(q, lang) { return this.call('GET', `/tell-me?q=${encodeURIComponent(q)}&lang=${lang}`); }
  open(company, request, lang) { return this.call('POST', '/sessions', { company, language: lang, ...request }); }
  get(id, lang) { return this.call('GET', `/sessions/${id}?lang=${lang}`); }
  set(id, field, value, lang) { return this.call('POST', `/sessions/${id}/fields?lang=${lang}`, { field, value }); }
  invoke(id, action, lang) { return this.call('POST', `/sessions/${id}/actions?lang=${lang}`, { action }); }
  answer(id, answer, lang) { return this.call('POST', `/sessions/${id}/dialog?lang=${lang}`, { answer }); }
  navigate(id, to, recordId, lang) { return this.call('POST', `/sessions/${id}/navigate?lang=${lang}`, { to, recordId }); }
  filter(id, filters, lang) { return this.call('POST', `/sessions/${id}/filters?lang=${lang}`, { filters }); }
  close(id, lang) { return this.call('POST', `/sessions/${id}/close?lang=${lang}`, {}); }
}

export async function loginUsers() {
  const res = await fetch('/pages/login-users', { headers: { accept: 'application/json' } });
  return (await res.json()).value ?? [];
}
