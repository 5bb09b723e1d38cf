import { duesStanding } from './dues-standing';

const bill = (month: string, paidOn: string | null) => ({
  month,
  amount: 10,
  standardAmount: 10,
  reductionId: null,
  paidOn,
  paymentId: paidOn ? `p-${month}` : null,
});

describe("a member's dues when a transfer starts", () => {
  it('is paid until the last month of the unbroken paid run, with the unpaid months as arrears', () => {
    expect(duesStanding({ bills: [] })).toEqual({ paidUntil: null, arrearsMonths: 0, unpaidMonths: [] });
    expect(
      duesStanding({
        bills: [
          bill('2026-09', null),
          bill('2026-07', '2026-07-05'),
          bill('2026-08', '2026-08-05'),
          bill('2026-10', '2026-10-02'),
        ],
      }),
    ).toEqual({ paidUntil: '2026-08', arrearsMonths: 1, unpaidMonths: ['2026-09'] });
  });
});
