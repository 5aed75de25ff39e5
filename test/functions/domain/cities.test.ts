import { describe, expect, it } from 'vitest';
import { cityOptions, isKnownCity, provinces } from '../../../functions/domain/cities.ts';

describe('bundled city list', () => {
  it('covers the 31 mainland provincial-level divisions once each', () => {
    const names = provinces.map((p) => p.name);

    expect(names).toHaveLength(31);
    expect(new Set(names).size).toBe(31);
    expect(names.filter((n) => n.endsWith('省'))).toHaveLength(22);
    expect(names.filter((n) => n.endsWith('自治区'))).toHaveLength(5);
    expect(provinces.filter((p) => p.cities.length === 0).map((p) => p.name)).toEqual(['北京市', '天津市', '上海市', '重庆市']);
  });

  it('lists the 333 prefecture-level divisions plus the 32 county-level units provinces administer directly', () => {
    const all = provinces.flatMap((p) => p.cities.map((city) => `${p.name} ${city}`));
    const directlyAdministered = { 河南省: 1, 湖北省: 4, 海南省: 15, 新疆维吾尔自治区: 12 };

    expect(all).toHaveLength(333 + Object.values(directlyAdministered).reduce((a, b) => a + b, 0));
    expect(provinces.find((p) => p.name === '广东省')?.cities).toHaveLength(21);
    expect(provinces.find((p) => p.name === '四川省')?.cities).toHaveLength(21);
    expect(provinces.find((p) => p.name === '山东省')?.cities).not.toContain('莱芜市'); // merged into 济南 in 2019
  });

  it('gives each option a unique value a form can post', () => {
    const values = cityOptions().flatMap((group) => group.options.map((o) => o.value));

    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('广东省 深圳市');
    expect(values).toContain('吉林省 延边朝鲜族自治州');
    expect(values).toContain('北京市');
  });

  it.each(['广东省 深圳市', '新疆维吾尔自治区 石河子市', '上海市'])('knows %s', (value) => {
    expect(isKnownCity(value)).toBe(true);
  });

  it.each(['深圳市', '广东省 北京市', '北京市 北京市', '台湾省 台北市', '香港特别行政区', '', 'toString', '__proto__'])('does not know %j', (value) => {
    expect(isKnownCity(value)).toBe(false);
  });
});
