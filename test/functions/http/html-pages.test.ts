import { describe, expect, it } from 'vitest';
import { applicationMessages } from '../../../functions/domain/application.ts';
import { applicationFieldLabels } from '../../../functions/presentation/labels-zh.ts';
import { PRIVACY_POLICY_VERSION } from '../../../functions/domain/privacy-policy.ts';
import {
  renderApplicationForm,
  renderApplicationPage,
  renderMissingReferencePage,
  renderStatusPage,
  renderThankYouPage,
} from '../../../functions/http/html-pages.ts';
import { NEXT_STEPS_HTML, renderNextSteps } from '../../../functions/http/html-fragments.ts';
import { EXAMPLE_OPERATOR, type SiteOperator } from '../../../functions/deployment/site-operator.ts';

const operator: SiteOperator = {
  legalName: '深圳市某某信息咨询有限公司',
  email: 'service@pos.example.com',
  phone: '400-123-4567',
  wechatId: 'pos_service01',
  serviceHours: '工作日 9:00–18:00',
  callerNumber: '0755-8888-0000',
};

describe('renderApplicationForm', () => {
  it('posts to the API and works without JavaScript', () => {
    const html = renderApplicationForm({}, {}, operator);

    expect(html).toContain('<form class="application-form" method="post" action="/api/applications"');
    for (const name of [
      'name',
      'phone',
      'city',
      'merchantType',
      'brand',
      'terminalType',
      'monthlyVolume',
      'note',
      'consent.privacy',
      'consent.crossBorder',
      'consent.providerSharing',
      'consent.version',
      'formToken',
      'website',
    ]) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain(`name="consent.version" value="${PRIVACY_POLICY_VERSION}"`);
    expect(html).toContain('<optgroup label="广东省"><option value="广东省 广州市">广州市</option>');
  });

  it('hides the honeypot from people and screen readers and never echoes it', () => {
    const html = renderApplicationForm({ website: 'http://spam.example' }, {}, operator);

    // Off screen (site.css), not display:none, so bots still fill it; aria-hidden + inert + tabindex=-1 for people.
    expect(html).toMatch(/<div class="form-trap" aria-hidden="true" inert>[\s\S]*name="website" value="" tabindex="-1" autocomplete="off"/);
    expect(html).not.toContain('spam.example');
  });

  it('keeps what the merchant typed and puts each message next to its field', () => {
    const html = renderApplicationForm(
      { name: '张三', phone: '1380013', city: '北京市', brand: 'lakala', 'consent.privacy': 'on' },
      { phone: applicationMessages.phone },
      operator,
    );

    expect(html).toContain('value="张三"');
    expect(html).toContain('id="application-phone" name="phone"');
    expect(html).toMatch(/name="phone"[^>]*value="1380013" aria-describedby="application-phone-hint application-phone-error" aria-invalid="true"/);
    expect(html).toContain(`<p class="field-error" id="application-phone-error">${applicationMessages.phone}</p>`);
    expect(html).toContain('<option value="北京市" selected>');
    expect(html).toContain('value="lakala" required checked');
    expect(html).toMatch(/name="consent.privacy" value="on" required checked/);
    expect(html).toContain('<a href="#application-phone">手机号：');
  });

  it('asks for the three consents separately, unticked, each linking to the privacy policy', () => {
    const html = renderApplicationForm({}, {}, operator);

    for (const name of ['consent.privacy', 'consent.crossBorder', 'consent.providerSharing']) {
      expect(html).toMatch(new RegExp(`<input type="checkbox" id="[^"]+" name="${name}" value="on" required>`));
    }
    expect(html).toContain('href="/privacy/"');
    expect(html).toContain('href="/privacy/#cross-border"');
    expect(html).toContain('href="/privacy/#provider-sharing"');
    expect(html).toContain(
      '我同意将姓名、手机号、城市和申请意向提供给我选择的收单机构（银行或持牌支付机构，未定时由我们为您匹配），以便其联系我并完成实名认证',
    );
  });

  it('names the data recipient as the articles name who activates the machine: 收单机构, in the checkbox, its label and its error', () => {
    const html = renderApplicationForm({}, {}, EXAMPLE_OPERATOR);
    const wording = [html, applicationFieldLabels['consent.providerSharing'], applicationMessages['consent.providerSharing'], applicationMessages.consent];

    for (const text of wording) expect(text).toContain('收单机构');
    for (const text of wording) expect(text).not.toMatch(/终端服务商/);
  });

  it('escapes everything it echoes', () => {
    const html = renderApplicationForm({ name: '"><script>alert(1)</script>', note: '</textarea><img src=x onerror=alert(1)>' }, {}, operator);

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe('pages', () => {
  it('use the site stylesheet, zh-CN, and a header and footer', () => {
    const html = renderApplicationPage({ operator }, {}, {}, '提交的信息有误');

    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<link rel="stylesheet" href="/styles/site.css">');
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<footer class="site-footer">');
    expect(html).toContain('<p class="form-message" role="alert">提交的信息有误</p>');
  });

  it('use the site header (main navigation) and footer (links and disclaimer)', () => {
    const html = renderThankYouPage({ operator }, 'PA-7K3F-9Q2M');

    expect(html).toContain('<nav class="site-nav" aria-label="主导航">');
    expect(html).toContain('<a href="/apply/">申请机器</a>');
    expect(html).toContain('<a href="/privacy/">隐私政策</a>');
    expect(html).toContain('仅供参考');
    expect(html).toContain('<main id="main" class="container container-text" tabindex="-1">');
  });

  it('thank-you page shows the reference, next steps with timing, and the status link', () => {
    const html = renderThankYouPage({ operator }, 'PA-7K3F-9Q2M');

    expect(html).toContain('<strong class="reference">PA-7K3F-9Q2M</strong>');
    expect(html).toContain('1–2 个工作日');
    expect(html).toContain('<a href="/status/">');
  });

  it('status result page shows the status in plain Chinese with the date in China time', () => {
    const html = renderStatusPage({ operator }, { kind: 'found', reference: 'PA-7K3F-9Q2M', status: 'pending_review', updatedAt: '2026-11-25T16:30:00.000Z' });

    expect(html).toContain('<dd>审核中</dd>');
    expect(html).toContain('2026年11月26日');
  });

  it('status form comes back with the message next to the field', () => {
    const html = renderStatusPage({ operator }, { kind: 'form', values: { reference: 'PA-7K3F' }, errors: { reference: '请输入正确的申请编号' } });

    expect(html).toMatch(
      /id="status-reference" name="reference"[^>]*value="PA-7K3F" aria-describedby="status-reference-hint status-reference-error" aria-invalid="true"/,
    );
    expect(html).toContain('<p class="field-error" id="status-reference-error">请输入正确的申请编号</p>');
  });

  it('name the operator in the footer and next to the consents (PIPL Art. 17)', () => {
    for (const html of [
      renderApplicationPage({ operator }, {}, {}),
      renderThankYouPage({ operator }, 'PA-7K3F-9Q2M'),
      renderStatusPage({ operator }, { kind: 'form', values: {}, errors: {} }),
    ]) {
      expect(html).toMatch(
        /<footer class="site-footer">[\s\S]*本站运营方：深圳市某某信息咨询有限公司[\s\S]*<a href="tel:4001234567">400-123-4567<\/a>[\s\S]*mailto:service@pos.example.com/,
      );
      expect(html).not.toContain('示例运营方');
    }
    expect(renderApplicationPage({ operator }, {}, {})).toMatch(/由本站运营方 <strong>深圳市某某信息咨询有限公司<\/strong> 处理[\s\S]*name="consent.privacy"/);
  });

  it('carry the site default share card like every page of the site: absolute on AWS, the path alone locally', () => {
    const onAws = { operator, siteOrigin: 'https://pos.example.com' };
    for (const html of [
      renderApplicationPage(onAws, {}, {}),
      renderThankYouPage(onAws, 'PA-7K3F-9Q2M'),
      renderMissingReferencePage(onAws),
      renderStatusPage(onAws, { kind: 'form', values: {}, errors: {} }),
    ]) {
      expect(html).toContain('<meta property="og:image" content="https://pos.example.com/og/default.png">');
      expect(html).toContain('<meta property="og:image:width" content="1200">');
      expect(html).toMatch(/<meta property="og:image:alt" content="分享卡片：[^"]+">/);
    }
    expect(renderThankYouPage({ operator }, 'PA-7K3F-9Q2M')).toContain('<meta property="og:image" content="/og/default.png">');
  });

  it('mark the example operator visibly', () => {
    const html = renderThankYouPage({ operator: EXAMPLE_OPERATOR }, 'PA-7K3F-9Q2M');

    expect(html).toContain('本站运营方：示例运营方');
    expect(html).toContain('<strong class="operator-example">');
  });

  it('thank-you and status pages say who will call, how to reach a person and offer the caller as a contact card', () => {
    const thanks = renderThankYouPage({ operator }, 'PA-7K3F-9Q2M');
    expect(thanks).toContain('<strong class="caller-number">0755-8888-0000</strong>');
    expect(thanks).toContain('<a href="tel:4001234567">400-123-4567</a>');
    expect(thanks).toContain('服务时间：工作日 9:00–18:00');
    // The WeChat ID is text in a readonly field without JavaScript; the script adds the copy button.
    expect(thanks).toMatch(/data-copy-text[\s\S]*<input id="contact-wechat-id" class="wechat-id" type="text" readonly value="pos_service01">/);
    expect(thanks).toContain('<a href="/contact.vcf" download="contact.vcf">保存为手机联系人</a>');
    for (const html of [
      renderStatusPage({ operator }, { kind: 'found', reference: 'PA-7K3F-9Q2M', status: 'pending_review', updatedAt: '2026-11-25T16:30:00.000Z' }),
      renderApplicationPage({ operator }, {}, {}),
    ]) {
      expect(html).toContain('<strong class="caller-number">0755-8888-0000</strong>');
      expect(html).toContain('value="pos_service01"');
    }
  });

  it('leaves out the WeChat line and the hours when the operator has none', () => {
    const html = renderThankYouPage({ operator: { legalName: '某某公司', email: 'a@pos.example.com', phone: '400-123-4567' } }, 'PA-7K3F-9Q2M');

    expect(html).not.toContain('data-copy-text');
    expect(html).not.toContain('服务时间');
    expect(html).toContain('<strong class="caller-number">400-123-4567</strong>');
  });
});

describe('next steps (one wording for the thank-you page, the status page and the article)', () => {
  it("ships the machine first, then real-name verification in the acquirer's official app", () => {
    const steps = NEXT_STEPS_HTML.join('\n');

    expect(steps).not.toContain('终端服务商自己的 App');
    expect(steps.indexOf('发货')).toBeLessThan(steps.indexOf('实名认证'));
    expect(steps).not.toMatch(/\d+–\d+ 个工作日内寄出|3–10/);
    expect(steps).toMatch(/收单机构安排发货[\s\S]*该机构的官方 App 中完成实名认证/);
    expect(renderThankYouPage({ operator }, 'PA-7K3F-9Q2M')).toContain(renderNextSteps());
    expect(
      renderStatusPage({ operator }, { kind: 'found', reference: 'PA-7K3F-9Q2M', status: 'pending_review', updatedAt: '2026-11-25T16:30:00.000Z' }),
    ).toContain(renderNextSteps());
    expect(renderApplicationForm({}, {}, operator)).not.toContain('终端服务商自己的 App');
  });
});
