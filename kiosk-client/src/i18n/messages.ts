import type { ErrorCode, Language } from '@madoguchi/shared';

/** Every error a screen can show; the code-based ones mirror the wire contract one to one. */
type ErrorMessages = Record<
  `error.${ErrorCode}` | 'error.media-devices' | 'error.procedures' | 'error.unknown',
  string
>;

/** Japanese is the source dictionary: its keys are the keys every other language must have. */
export const ja = {
  'app.title': '多摩市 リモート窓口',
  'app.starting': '準備しています…',
  'language.label': '言語 / Language',
  'language.ja': '日本語',
  'language.en': 'English',
  'idle.lead': 'ご用件をお選びください',
  'idle.loading': '手続きの一覧を読み込んでいます…',
  'idle.empty': 'ただいま受け付けている手続きはありません',
  'settings.open': '端末の設定',
  'settings.title': '端末の設定',
  'settings.kiosk-id': '端末ID',
  'settings.face-camera': '顔用カメラ',
  'settings.document-camera': '書類用カメラ',
  'settings.choose': '選択してください',
  'settings.unnamed-camera': 'カメラ {number}',
  'settings.loading-devices': 'カメラを確認しています…',
  'settings.invalid-kiosk-id': '端末IDは英小文字・数字・「.」「_」「-」で入力してください',
  'settings.same-camera': '顔用と書類用には別のカメラを選んでください',
  'settings.missing-camera': 'カメラを2台とも選んでください',
  'settings.save': '保存する',
  'settings.cancel': 'キャンセル',
  'confirm.lead': '次の手続きについて、職員とビデオ通話でお話しします',
  'confirm.call': '職員を呼び出す',
  'confirm.back': '戻る',
  'waiting.title': '職員におつなぎしています',
  'waiting.lead': 'そのままお待ちください',
  'waiting.cancel': '呼び出しをやめる',
  'call.clerk': '担当: {name}',
  'call.self-view': 'あなたの映像',
  'call.document-camera': '書類カメラ',
  'call.document-hint': '書類は台の上に置いてください',
  'call.hang-up': '通話を終える',
  'connection.lost': 'サーバーとの接続が切れました。再接続しています…',
  'error.dismiss': '閉じる',
  'error.VALIDATION_FAILED': '送信した内容に誤りがありました。もう一度お試しください',
  'error.UNAUTHENTICATED': 'この端末はサーバーに接続できませんでした。係員にお知らせください',
  'error.FORBIDDEN': 'この操作は行えません',
  'error.NOT_FOUND': 'お呼び出しが見つかりませんでした。もう一度お試しください',
  'error.INVALID_STATE': 'この操作は現在行えません',
  'error.MEDIA_REJECTED': '映像・音声の接続に失敗しました。もう一度お試しください',
  'error.MEDIA_UNAVAILABLE': 'ただいま通話を開始できません。しばらくしてからお試しください',
  'error.SESSION_EXPIRED': '接続が切れたため、最初からやり直してください',
  'error.RATE_LIMITED': '操作が多すぎます。少し待ってからお試しください',
  'error.TIMEOUT': 'サーバーから応答がありません。しばらくしてからお試しください',
  'error.INTERNAL': 'システムでエラーが発生しました。係員にお知らせください',
  'error.media-devices': 'カメラまたはマイクを使えません。係員にお知らせください',
  'error.procedures': '手続きの一覧を読み込めませんでした。再試行しています…',
  'error.unknown': '予期しないエラーが発生しました。係員にお知らせください',
} as const satisfies ErrorMessages & Record<string, string>;

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  'app.title': 'Tama City Remote Service Window',
  'app.starting': 'Getting ready…',
  'language.label': '言語 / Language',
  'language.ja': '日本語',
  'language.en': 'English',
  'idle.lead': 'Please choose what you need',
  'idle.loading': 'Loading the list of procedures…',
  'idle.empty': 'No procedures are available right now',
  'settings.open': 'Kiosk settings',
  'settings.title': 'Kiosk settings',
  'settings.kiosk-id': 'Kiosk ID',
  'settings.face-camera': 'Face camera',
  'settings.document-camera': 'Document camera',
  'settings.choose': 'Choose…',
  'settings.unnamed-camera': 'Camera {number}',
  'settings.loading-devices': 'Looking for cameras…',
  'settings.invalid-kiosk-id': 'Use lowercase letters, digits, ".", "_" or "-" for the kiosk ID',
  'settings.same-camera': 'Choose two different cameras for the face and the documents',
  'settings.missing-camera': 'Choose both cameras',
  'settings.save': 'Save',
  'settings.cancel': 'Cancel',
  'confirm.lead': 'You will talk with a staff member by video about:',
  'confirm.call': 'Call a staff member',
  'confirm.back': 'Back',
  'waiting.title': 'Connecting you to a staff member',
  'waiting.lead': 'Please wait a moment',
  'waiting.cancel': 'Cancel the call',
  'call.clerk': 'Staff: {name}',
  'call.self-view': 'You',
  'call.document-camera': 'Document camera',
  'call.document-hint': 'Place your documents on the stand',
  'call.hang-up': 'End the call',
  'connection.lost': 'Connection to the server was lost. Reconnecting…',
  'error.dismiss': 'Dismiss',
  'error.VALIDATION_FAILED': 'Something in the request was not valid. Please try again',
  'error.UNAUTHENTICATED': 'This kiosk could not connect to the server. Please tell a staff member',
  'error.FORBIDDEN': 'This action is not allowed',
  'error.NOT_FOUND': 'Your call could not be found. Please try again',
  'error.INVALID_STATE': 'This action is not possible right now',
  'error.MEDIA_REJECTED': 'Video or audio could not be connected. Please try again',
  'error.MEDIA_UNAVAILABLE': 'Calls cannot be started right now. Please try again later',
  'error.SESSION_EXPIRED': 'The connection was lost. Please start again',
  'error.RATE_LIMITED': 'Too many requests. Please wait a moment and try again',
  'error.TIMEOUT': 'The server did not answer. Please try again later',
  'error.INTERNAL': 'A system error occurred. Please tell a staff member',
  'error.media-devices': 'The camera or microphone cannot be used. Please tell a staff member',
  'error.procedures': 'The list of procedures could not be loaded. Retrying…',
  'error.unknown': 'An unexpected error occurred. Please tell a staff member',
};

export const dictionaries: Record<Language, Messages> = { ja, en };

/** Fills `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
