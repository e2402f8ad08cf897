package dev.touchmark.verify;

import dev.touchmark.i18n.Lang;

/**
 * The strings of the in-browser scanner and of the photo upload, in English and Simplified Chinese. Like
 * {@link Messages}: placeholders are {0}, {1}, ...; arguments are plain text, escaped by the page.
 */
public enum ScanMessages {
    PAGE_TITLE("Scan a label", "扫描标签"),
    INTRO("Point your phone's camera at the QR code on the product label. The camera picture stays on your phone.",
            "将手机摄像头对准产品标签上的二维码。摄像头画面只保留在您的手机上。"),
    CAMERA_HEADING("Scan with the camera", "用摄像头扫描"),
    CAMERA_VIEW("Camera view", "摄像头画面"),
    START_CAMERA("Start camera", "打开摄像头"),
    STOP_CAMERA("Stop camera", "关闭摄像头"),
    SCAN_AGAIN("Scan again", "重新扫描"),
    NOSCRIPT("The live camera scanner needs JavaScript. You can still send a photo of the label below.",
            "实时扫描需要启用 JavaScript。您仍可以在下方上传标签照片。"),
    STATUS_READY("Press “Start camera” and allow the camera when your browser asks.",
            "请点击“打开摄像头”，并在浏览器询问时允许使用摄像头。"),
    STATUS_STARTING("Starting the camera…", "正在打开摄像头…"),
    STATUS_SCANNING("Looking for a QR code. Hold the label steady, about 15 cm from the camera.",
            "正在寻找二维码。请保持标签稳定，距离摄像头约 15 厘米。"),
    STATUS_SLOW("No code read yet. Hold the label flat and well lit, move the phone a little closer or further away, "
            + "or send a photo of the label with the form below.",
            "仍未识别到二维码。请让标签平整、光线充足，将手机稍微靠近或远离，或使用下方表单发送标签照片。"),
    STATUS_OPENING("Code read. Opening the result…", "已识别，正在打开验证结果…"),
    STATUS_STOPPED("Camera stopped.", "摄像头已关闭。"),
    CAMERA_DENIED("The camera could not be used because permission was refused. Allow camera access in your "
            + "browser's settings, or send a photo below.",
            "无法使用摄像头：权限被拒绝。请在浏览器设置中允许访问摄像头，或在下方上传照片。"),
    CAMERA_MISSING("No camera was found. Send a photo of the label below instead.",
            "未找到摄像头。请在下方上传标签照片。"),
    CAMERA_UNSUPPORTED("This browser cannot use the camera on this page. Send a photo of the label below instead.",
            "此浏览器无法在本页面使用摄像头。请在下方上传标签照片。"),
    CAMERA_FAILED("The camera could not be started. Try again, or send a photo below.",
            "无法打开摄像头。请重试，或在下方上传照片。"),

    FOREIGN_TITLE("Careful: this code leads to another website", "注意：此码指向其他网站"),
    FOREIGN_TEXT("This code leads to another website, not to {0}. Counterfeiters print codes that lead to "
            + "fake 'genuine' pages.",
            "此码指向其他网站，而不是 {0}。造假者会印制指向虚假“正品”页面的二维码。"),
    FOREIGN_ADDRESS("The code contains this address. We did not open it:", "此码包含以下地址，我们没有打开它："),
    FOREIGN_ADVICE("Do not trust what that website says about this product. If the product should carry a "
            + "Touchmark label, look for it, or ask the seller.",
            "请勿相信该网站关于此产品的任何说法。如果该产品应带有 Touchmark 标签，请寻找该标签或询问卖家。"),
    NOT_OURS_TITLE("This is not a Touchmark code", "这不是 Touchmark 码"),
    NOT_OURS_TEXT("This QR code does not hold a web address, so it cannot be checked here.",
            "此二维码不包含网址，无法在此验证。"),
    NOT_OURS_CONTENT("The code contains:", "此码内容："),

    UPLOAD_HEADING("No camera? Send a photo", "无法使用摄像头？上传照片"),
    UPLOAD_INTRO("Take a sharp photo of the QR code, or choose one on your phone, and send it to be checked.",
            "拍一张清晰的二维码照片，或在手机中选择一张，然后提交验证。"),
    UPLOAD_LABEL("Photo of the QR code", "二维码照片"),
    UPLOAD_HINT("A JPEG or PNG photo of up to 10 MB.", "JPEG 或 PNG 照片，不超过 10 MB。"),
    UPLOAD_SEND("Check this photo", "验证这张照片"),
    TRY_ANOTHER("Try another photo", "换一张照片"),

    NO_QR_TITLE("No QR code found in the photo", "照片中未找到二维码"),
    NO_QR_TEXT("We could not find a readable QR code. Take the photo again, close enough for the code to fill much "
            + "of the picture, sharp, in good light and without glare.",
            "未能找到可识别的二维码。请重新拍照：靠近一些，让二维码占据画面的大部分，并确保清晰、光线充足、没有反光。"),
    NO_FILE_TITLE("No photo was sent", "未收到照片"),
    NO_FILE_TEXT("Take or choose a photo of the QR code first, then send it.", "请先拍摄或选择二维码照片，然后再提交。"),
    NOT_IMAGE_TITLE("This file is not a photo we can read", "无法读取此文件"),
    NOT_IMAGE_TEXT("Send a JPEG or PNG photo of the QR code.", "请上传二维码的 JPEG 或 PNG 照片。"),
    TOO_LARGE_TITLE("This photo is too large", "照片太大"),
    TOO_LARGE_TEXT("Send a photo of at most 10 MB and 40 megapixels: a lower camera resolution or a screenshot "
            + "is enough.",
            "请上传不超过 10 MB、4000 万像素的照片：较低的相机分辨率或截图即可。"),
    TOO_MANY_TITLE("Too many photos", "上传过于频繁"),
    TOO_MANY_TEXT("You have sent many photos in a short time. Try again in {0} seconds.",
            "您在短时间内上传了太多照片，请在 {0} 秒后再试。"),
    BUSY_TITLE("Too busy right now", "系统繁忙"),
    BUSY_TEXT("We are reading many photos at the moment. Try again in a few seconds.",
            "我们正在处理大量照片，请几秒钟后再试。"),
    TOO_SLOW_TITLE("The photo arrived too slowly", "照片上传太慢"),
    TOO_SLOW_TEXT("The connection was too slow to send this photo. Try again on a better connection, or send a "
            + "smaller photo.", "网络太慢，无法上传此照片。请在网络较好时重试，或上传较小的照片。");

    private final String en;
    private final String zh;

    ScanMessages(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    /** The text in one language, placeholders left as they are. */
    public String in(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }

    /** The text in one language with {0}, {1}, ... replaced by the arguments (plain text, not escaped). */
    public String format(Lang lang, Object... args) {
        return Placeholders.fill(in(lang), args);
    }
}
