// CDK entry point (cdk.json: `node infra/app.ts`). Usage: `npm run synth`; deploy with `npm run deploy -- -c stage=…` (infra/deploy.ts).
import { createPosPortalApp } from './pos-portal-app.ts';

createPosPortalApp();
