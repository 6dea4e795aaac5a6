import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask.ts';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('hides short numbers completely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
  it('passes through empty values as null', () => {
    expect(maskPhone(null)).toBeNull();
  });
});
