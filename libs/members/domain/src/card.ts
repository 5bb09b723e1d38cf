/**
 * Member card numbers (党员卡号) are the members' ids: 16 digits, the last a Luhn check digit, so a swiped card or
 * scanned QR code is checked before any lookup and resolves by the primary key (one lookup).
 */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export const isCardNumber = (value: string): boolean =>
  /^8\d{15}$/.test(value) && luhnCheckDigit(value.slice(0, 15)) === value[15];

/** A card number from 14 random digits (the caller supplies them: the domain has no randomness). */
export function cardNumberFrom(randomDigits: string): string {
  if (!/^\d{14}$/.test(randomDigits)) throw new Error('a card number needs 14 random digits');
  const body = `8${randomDigits}`;
  return `${body}${luhnCheckDigit(body)}`;
}
