/**
 * The app's identity, written once. Windows toasts need the AppUserModelId to equal the installer's
 * `appId` (electron-builder.yml, checked by test/packaging): it must never change after release.
 */
export const APP_ID = 'br.com.ponte.app';
export const PRODUCT_NAME = 'Ponte';
