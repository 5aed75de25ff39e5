/** Stage settings for the tests of the stage file and the deploy wrapper. */
import { stages, type StageSettings } from '../../functions/deployment/stages.ts';

/** The committed prod stage with real-looking values where the committed file still holds placeholders. */
export const filledProd: StageSettings = {
  ...stages.prod,
  domainName: 'pos.shop-pos.cn',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
  opsEmail: 'ops@shop-pos.cn',
  privacyContact: 'privacy@shop-pos.cn',
  ci: { repository: 'shop-pos/pos-portal', createOidcProvider: false },
  operator: { legalName: '深圳市某某信息咨询有限公司', email: 'kefu@shop-pos.cn', phone: '400-123-4567' },
};
