import assert from 'node:assert/strict';
import {
  describeProxies,
  parseProxy,
  planProxy,
  proxyForUrl,
  type ProxyPlan,
} from '../../src/core/http/networkDispatcher';

describe('planProxy', () => {
  it('the setting serves both schemes and wins over the environment', () => {
    const plan = planProxy(
      { proxy: 'http://corp:3128' },
      { HTTPS_PROXY: 'http://other:1', HTTP_PROXY: 'http://other:2' },
    );
    assert.equal(plan.httpProxy?.href, 'http://corp:3128/');
    assert.equal(plan.httpsProxy?.href, 'http://corp:3128/');
  });

  it('without a setting: HTTPS_PROXY and HTTP_PROXY, lower case first, as undici and curl read them', () => {
    const plan = planProxy(
      {},
      { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1', HTTP_PROXY: 'http://plain:2' },
    );
    assert.equal(plan.httpsProxy?.host, 'low:1');
    assert.equal(plan.httpProxy?.host, 'plain:2');
    assert.deepEqual(planProxy({}, { HTTP_PROXY: '  ' }), { httpProxy: undefined, httpsProxy: undefined, noProxy: '' });
  });

  it('the noProxy setting, when not empty, replaces NO_PROXY', () => {
    assert.equal(planProxy({ noProxy: ['a.example', '.corp'] }, { NO_PROXY: 'x' }).noProxy, 'a.example,.corp');
    assert.equal(planProxy({ noProxy: [] }, { no_proxy: 'x,y' }).noProxy, 'x,y');
  });

  it('takes an address without a scheme as http, and says which proxies apply without credentials', () => {
    assert.equal(parseProxy('proxy.corp:8080').href, 'http://proxy.corp:8080/');
    const plan = planProxy({ proxy: 'https://u:p@secure.corp:443', noProxy: ['localhost'] }, {});
    assert.equal(describeProxies(plan), 'proxy https://secure.corp except localhost');
    assert.equal(describeProxies(planProxy({}, {})), 'direct');
  });
});

describe('proxyForUrl (what Check Connection says a request goes through)', () => {
  const plan = (proxy: string | undefined, noProxy = ''): ProxyPlan => ({
    httpProxy: proxy ? new URL(proxy) : undefined,
    httpsProxy: proxy ? new URL(proxy) : undefined,
    noProxy,
  });

  it('names the proxy for the scheme without its credentials, or nothing when the request goes direct', () => {
    assert.equal(
      proxyForUrl(plan('http://user:secret@proxy.corp:3128'), 'https://geekai.co/api/v1'),
      'http://proxy.corp:3128',
    );
    assert.equal(proxyForUrl(plan(undefined), 'https://geekai.co/api/v1'), undefined);
    assert.equal(
      proxyForUrl({ httpProxy: new URL('http://p:1'), noProxy: '' }, 'https://geekai.co/api/v1'),
      undefined,
      'an http proxy only: https goes direct',
    );
  });

  it('NO_PROXY entries send a host direct: exact, .domain, *.domain, host:port, *', () => {
    const url = 'https://api.geekai.co/api/v1';
    for (const entry of [
      'api.geekai.co',
      '.geekai.co',
      '*.geekai.co',
      'api.geekai.co:443',
      '*',
      'localhost, api.geekai.co',
    ]) {
      assert.equal(proxyForUrl(plan('http://p:1', entry), url), undefined, entry);
    }
    for (const entry of ['geekai.dev', 'api.geekai.co:8443', 'i.geekai.co'])
      assert.equal(proxyForUrl(plan('http://p:1', entry), url), 'http://p:1', entry);
  });
});
