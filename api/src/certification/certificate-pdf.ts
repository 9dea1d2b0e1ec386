import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificatePdfInput {
  code: string;
  traineeName: string;
  programTitle: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** `${publicUrl}/verify/${code}`: printed and encoded in the QR code. */
  verificationUrl: string;
}

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4ed8';
const REVOKED = '#b91c1c';

/** "20 March 2026" (UTC, like the verification page). */
function day(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The printable certificate: A4 landscape, one page. The document is returned ended (`end()` called),
 * ready for the caller to pipe. Content streams are left uncompressed so the code and URL stay
 * searchable in the bytes (one page of text: a few kB more).
 * The standard PDF fonts cover Latin-1 only; names outside it would need an embedded font.
 */
export async function certificatePdf(c: CertificatePdfInput): Promise<PDFKit.PDFDocument> {
  const qr = await QRCode.toBuffer(c.verificationUrl, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    compress: false,
    info: { Title: `Certificate ${c.code}`, Author: 'Baton', Subject: `${c.programTitle}: ${c.traineeName}` },
  });
  const { width, height } = doc.page; // 841.89 × 595.28
  const revoked = c.revokedAt !== null;

  doc.lineWidth(3).strokeColor(revoked ? REVOKED : ACCENT).rect(24, 24, width - 48, height - 48).stroke();
  doc.lineWidth(0.75).rect(32, 32, width - 64, height - 64).stroke();

  const left = 72;
  const textWidth = width - 2 * left;
  doc.fillColor(MUTED).font('Helvetica').fontSize(14).text('BATON', left, 70, { width: textWidth, align: 'center', characterSpacing: 4 });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(38).text('Certificate of completion', left, 100, { width: textWidth, align: 'center' });
  doc.fillColor(MUTED).font('Helvetica').fontSize(14).text('This certifies that', left, 170, { width: textWidth, align: 'center' });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(30).text(c.traineeName, left, 196, { width: textWidth, align: 'center' });
  doc.fillColor(MUTED).font('Helvetica').fontSize(14).text('has completed the program', left, 246, { width: textWidth, align: 'center' });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(22).text(c.programTitle, left, 270, { width: textWidth, align: 'center' });

  // Facts on the left, QR code on the right.
  const qrSize = 120;
  const qrX = width - left - qrSize;
  const qrY = height - 72 - qrSize - 14;
  const facts: [string, string][] = [
    ['Issued', day(c.issuedAt)],
    ['Valid until', day(c.expiresAt)],
    ['Certificate code', c.code],
  ];
  let y = 350;
  for (const [label, value] of facts) {
    doc.fillColor(MUTED).font('Helvetica').fontSize(11).text(label, left, y, { width: 130 });
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(13).text(value, left + 130, y - 1, { width: qrX - left - 150 });
    y += 24;
  }
  doc.fillColor(MUTED).font('Helvetica').fontSize(11).text('Verify at', left, y, { width: 130 });
  doc
    .fillColor(ACCENT)
    .font('Helvetica')
    .fontSize(11)
    .text(c.verificationUrl, left + 130, y, { width: qrX - left - 150, link: c.verificationUrl, underline: true });

  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.fillColor(MUTED).font('Helvetica').fontSize(9).text('Scan to verify', qrX, qrY + qrSize + 4, { width: qrSize, align: 'center' });

  if (revoked) {
    const mark = `REVOKED on ${day(c.revokedAt!)}`;
    doc.save();
    doc.rotate(-18, { origin: [width / 2, height / 2] });
    doc.fillColor(REVOKED).opacity(0.85).font('Helvetica-Bold').fontSize(54);
    const markWidth = doc.widthOfString(mark);
    const boxX = width / 2 - markWidth / 2 - 20;
    const boxY = height / 2 - 38;
    doc.lineWidth(5).strokeColor(REVOKED).rect(boxX, boxY, markWidth + 40, 76).stroke();
    doc.text(mark, boxX + 20, boxY + 14, { lineBreak: false });
    doc.restore();
    doc.opacity(1).fillColor(REVOKED).font('Helvetica-Bold').fontSize(11)
      .text('This certificate has been revoked and no longer certifies the holder.', left, height - 56, { width: textWidth, align: 'center' });
  }

  doc.end();
  return doc;
}
