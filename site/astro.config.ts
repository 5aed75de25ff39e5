import { defineConfig } from 'astro/config';
export default defineConfig({ site: 'https://pos-portal.example', trailingSlash: 'always' });
