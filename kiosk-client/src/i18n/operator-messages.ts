import { ja as residentJa, en as residentEn } from './messages.ts';

/**
 * The operator's settings screen (enrollment, cameras). It is shown only to the booth's operator,
 * never to a resident (a wipe always leaves it in Japanese), so it speaks Japanese and English.
 */
export const operatorJa = {
  'settings.title': '端末の設定',
  'settings.kiosk-id': 'この端末の登録',
  'settings.enrolled-as': '端末ID {kioskId} として登録済み',
  'settings.not-enrolled': '未登録',
  'settings.enrollment-code': '登録コード(8桁)',
  'settings.enrollment-code-hint': '管理者の画面で発行された8桁の数字を入力してください(10分間有効・1回限り)',
  'settings.reenroll-hint': '別の端末として登録し直すときだけ、新しい登録コードを入力してください',
  'settings.unenroll': 'この端末の登録を解除',
  'settings.enrolling': '登録しています…',
  'settings.face-camera': '顔用カメラ',
  'settings.document-camera': '書類用カメラ',
  'settings.choose': '選択してください',
  'settings.unnamed-camera': 'カメラ {number}',
  'settings.loading-devices': 'カメラを確認しています…',
  'settings.invalid-code': '登録コードは8桁の数字で入力してください',
  'settings.missing-code': 'この端末はまだ登録されていません。登録コードを入力してください',
  'settings.code-refused':
    '登録コードが正しくないか、有効期限切れ、または使用済みです。管理者に新しいコードを発行してもらってください',
  'settings.code-rate-limited': '登録の試行が多すぎます。少し待ってから再度お試しください',
  'settings.same-camera': '顔用と書類用には別のカメラを選んでください',
  'settings.missing-camera': 'カメラを2台とも選んでください',
  'settings.save': '保存する',
  'settings.cancel': 'キャンセル',
  'settings.kiosk-refused':
    'この端末の登録はサーバーで取り消されたか、認識されません。管理者に新しい登録コードを発行してもらい、登録し直してください',
} as const;

export type OperatorMessageKey = keyof typeof operatorJa;

export const operatorEn: Record<OperatorMessageKey, string> = {
  'settings.title': 'Kiosk settings',
  'settings.kiosk-id': 'Enrollment of this kiosk',
  'settings.enrolled-as': 'Enrolled as kiosk {kioskId}',
  'settings.not-enrolled': 'Not enrolled',
  'settings.enrollment-code': 'Enrollment code (8 digits)',
  'settings.enrollment-code-hint':
    'Type the 8 digits issued on the administrator’s screen (valid for 10 minutes, once)',
  'settings.reenroll-hint': 'Type a new enrollment code only to enroll this machine again',
  'settings.unenroll': 'Forget this kiosk',
  'settings.enrolling': 'Enrolling…',
  'settings.face-camera': 'Face camera',
  'settings.document-camera': 'Document camera',
  'settings.choose': 'Choose…',
  'settings.unnamed-camera': 'Camera {number}',
  'settings.loading-devices': 'Looking for cameras…',
  'settings.invalid-code': 'The enrollment code is 8 digits',
  'settings.missing-code': 'This kiosk is not enrolled yet. Type an enrollment code',
  'settings.code-refused':
    'The enrollment code is wrong, expired or already used. Ask an administrator for a new code',
  'settings.code-rate-limited': 'Too many enrollment attempts. Please wait a moment and try again',
  'settings.same-camera': 'Choose two different cameras for the face and the documents',
  'settings.missing-camera': 'Choose both cameras',
  'settings.save': 'Save',
  'settings.cancel': 'Cancel',
  'settings.kiosk-refused':
    'The server revoked or does not recognise this kiosk’s enrollment. Ask an administrator for a new enrollment code and enroll again',
};

/** The shared components' messages come from the resident dictionaries of the same language. */
export const operatorDictionaries = {
  ja: { ...residentJa, ...operatorJa },
  en: { ...residentEn, ...operatorEn },
};
