import { maskBirthday, maskEmail, maskName, maskPhone } from './masking';

describe('masking', () => {
  it('masks a phone to its first 3 and last 4 national digits', () => {
    expect(maskPhone('+8613812341234')).toBe('138****1234');
    expect(maskPhone('+442079460958')).toBe('207****0958');
  });
  it('masks an email to its first character and the domain', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
    expect(maskEmail('broken')).toBe('***');
  });
  it('masks a name to its first character (also CJK)', () => {
    expect(maskName('张三丰')).toBe('张*');
    expect(maskName('Li Wei')).toBe('L*');
    expect(maskName('')).toBe('*');
  });
  it('hides the birthday completely', () => {
    expect(maskBirthday('1990-05-17')).toBe('****-**-**');
  });
});
