/**
 * The caller as a contact card (vCard 3.0, which iOS and Android contacts both import): the thank-you page offers it
 * so the merchant saves the number that will call and picks up. Built from the stage's operator; nothing personal.
 */
import type { APIRoute } from 'astro';
import { callerNumberOf } from '#functions/http/html-fragments.ts';
import { SITE_NAME } from '../consts.ts';
import { SITE_OPERATOR, SITE_URL } from '../site-settings.ts';

/** vCard text value: backslash, comma, semicolon and newlines escaped (RFC 6350 §3.4). */
const text = (value: string) => value.replace(/[\\,;]/g, (character) => `\\${character}`).replace(/\r?\n/g, '\\n');

export const GET: APIRoute = () => {
  const operator = SITE_OPERATOR;
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${text(`${SITE_NAME}（来电）`)}`,
    `ORG:${text(operator.legalName)}`,
    `TEL;TYPE=WORK,VOICE:${text(callerNumberOf(operator))}`,
    ...(operator.callerNumber !== undefined && operator.callerNumber !== operator.phone ? [`TEL;TYPE=WORK:${text(operator.phone)}`] : []),
    `EMAIL;TYPE=WORK:${text(operator.email)}`,
    `URL:${SITE_URL}/`,
    ...(operator.wechatId ? [`NOTE:${text(`微信号 ${operator.wechatId}${operator.serviceHours ? `；服务时间 ${operator.serviceHours}` : ''}`)}`] : []),
    'END:VCARD',
  ];
  return new Response(`${lines.join('\r\n')}\r\n`, { headers: { 'Content-Type': 'text/vcard; charset=utf-8' } });
};
