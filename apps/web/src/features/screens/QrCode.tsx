import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text` as an image (drawn once per text and colours). */
export function QrCode({
  text,
  size,
  dark,
  light,
}: {
  text: string;
  size: number;
  dark: string;
  light: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 1, width: size * 2, color: { dark, light }, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, size, dark, light]);
  if (!src) return <div style={{ width: size, height: size }} />;
  return <img src={src} width={size} height={size} alt={`扫码观看：${text}`} />;
}
