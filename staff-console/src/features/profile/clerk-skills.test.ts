import { describe, expect, it } from 'vitest';
import { en, ja } from '../../i18n/messages.ts';
import { isKnownSkillId, knownSkillIds, proficiencyStars } from './clerk-skills.ts';

describe('clerk skills', () => {
  it('names every known skill in both languages', () => {
    for (const skillId of knownSkillIds) {
      expect(ja[`skill.${skillId}`]).not.toBe('');
      expect(en[`skill.${skillId}`]).not.toBe('');
    }
    expect(ja['skill.juumin-kiroku']).toBe('住民記録');
  });

  it('tells known skill ids from others', () => {
    expect(isKnownSkillId('koseki')).toBe(true);
    expect(isKnownSkillId('gomi-shuushuu')).toBe(false);
  });

  it('draws the proficiency as five stars, clamped', () => {
    expect(proficiencyStars(4)).toBe('★★★★☆');
    expect(proficiencyStars(1)).toBe('★☆☆☆☆');
    expect(proficiencyStars(9)).toBe('★★★★★');
  });
});
