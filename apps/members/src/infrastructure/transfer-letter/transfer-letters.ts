import { type IsoDate } from '@lianjian/calendar';
import { letterCodeKey, openLetterCode, signLetterCode, type TransferLetterClaims } from './letter-code';
import { loadLetterFont } from './letter-font';
import { renderTransferLetter, type TransferLetterDocument } from './letter-pdf';

/** What a letter is printed from: the document without its code, and the transfer it belongs to. */
export type TransferLetterRequest = Omit<TransferLetterDocument, 'code'> & { readonly transferId: string };

/**
 * Transfer letters of the members service (docs/adr/0023-transfer-letter-pdf-and-signed-code.md): prints a letter
 * with its signed code, and opens a code the receiving branch scanned or typed. The code's key is derived from the
 * members master key; the font is checked when the service starts (settings: MEMBERS_LETTER_FONT).
 */
export class TransferLetters {
  private readonly key: Buffer;

  constructor(
    masterKey: Buffer,
    private readonly fontPath: string,
  ) {
    this.key = letterCodeKey(masterKey);
    loadLetterFont(fontPath);
  }

  /** The letter as a PDF, and its code (the same the QR code holds). */
  async document(letter: TransferLetterRequest): Promise<{ pdf: Buffer; code: string }> {
    const { transferId, ...document } = letter;
    const code = signLetterCode(this.key, {
      transferId,
      letterNumber: letter.letterNumber,
      issuedOn: letter.issuedOn,
      validUntil: letter.validUntil,
    });
    return { pdf: await renderTransferLetter({ ...document, code }, { fontPath: this.fontPath }), code };
  }

  /** The claims of a genuine, unexpired code; refuses TRANSFER_LETTER_FORGED or TRANSFER_LETTER_EXPIRED. */
  open(code: string, today: IsoDate): TransferLetterClaims {
    return openLetterCode(this.key, code, today);
  }
}
