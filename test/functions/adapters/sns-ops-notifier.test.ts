import { describe, expect, it } from 'vitest';
import { noticeBody, noticeSubject } from '../../../functions/adapters/sns-ops-notifier.ts';

const notice = { reference: 'PA-7K3F-9Q2M', brand: 'shengfutong', city: '四川省 成都市', maskedPhone: '138****5678' } as const;

describe('ops notice', () => {
  it('has a one-line ASCII subject under 100 characters, as SNS e-mail requires', () => {
    const subject = noticeSubject(notice);

    expect(subject).toBe('pos-portal: new application PA-7K3F-9Q2M (shengfutong)');
    expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
  });

  it('carries the reference, brand, city and masked phone, and how to look it up', () => {
    expect(noticeBody(notice)).toBe(
      [
        '有一份新的申请通过了自动检查，等待人工审核。',
        '',
        '申请编号：PA-7K3F-9Q2M',
        '品牌：盛付通',
        '城市：四川省 成都市',
        '手机号：138****5678',
        '',
        '查看详情：npm run ops -- show PA-7K3F-9Q2M --stage <dev|prod>',
      ].join('\n'),
    );
  });
});
