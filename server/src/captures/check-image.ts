import { imageSize } from 'image-size';
import { captureLimits } from '@madoguchi/shared';
import { AppError } from '../errors.ts';

const mimeOfType: Record<string, 'image/jpeg' | 'image/png' | undefined> = {
  jpg: 'image/jpeg',
  png: 'image/png',
};

export interface CheckedImage {
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/**
 * An uploaded image checked by its content, not its name: JPEG or PNG, declared as what it is,
 * within the size and pixel limits. `field` names it in the VALIDATION_FAILED message.
 */
export function checkImage(body: Buffer, declaredType: string | undefined, field: string): CheckedImage {
  if (body.length === 0 || body.length > captureLimits.maxBytes) {
    throw AppError.validation(`${field}: 1 byte to ${captureLimits.maxBytes} bytes`);
  }
  let size;
  try {
    size = imageSize(body);
  } catch {
    throw AppError.validation(`${field}: not a JPEG or PNG image`);
  }
  const mimeType = size.type ? mimeOfType[size.type] : undefined;
  if (!mimeType) throw AppError.validation(`${field}: only JPEG and PNG are accepted`);
  if (declaredType !== mimeType) {
    throw AppError.validation(`${field}: content is ${mimeType}, declared ${declaredType ?? 'nothing'}`);
  }
  if (
    size.width < 1 ||
    size.height < 1 ||
    size.width > captureLimits.maxWidth ||
    size.height > captureLimits.maxHeight
  ) {
    throw AppError.validation(
      `${field}: at most ${captureLimits.maxWidth}×${captureLimits.maxHeight} pixels`,
    );
  }
  return { mimeType, width: size.width, height: size.height };
}
