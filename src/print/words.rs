//! What a printer's answer means, in words for the person at the printer (English and 中文).
//! The printer's own words are kept too (see [`super::PrintError`]): they are what a technician
//! searches for.

use ipp::model::StatusCode;

/// A plain sentence in both languages.
pub type Words = (&'static str, &'static str);

/// Why the printer refused a job, from its IPP status.
pub fn refusal(status: StatusCode) -> Words {
    match status {
        StatusCode::ClientErrorAttributesOrValuesNotSupported
        | StatusCode::ClientErrorConflictingAttributes => (
            "it does not take this label size or setting; check the printer's label stock",
            "打印机不支持该面单尺寸或设置，请检查打印机的面单规格",
        ),
        StatusCode::ClientErrorDocumentFormatNotSupported
        | StatusCode::ClientErrorDocumentFormatError => (
            "it cannot print this kind of file; try sending as raster in the printer's settings",
            "打印机无法打印此类文件，请在打印机设置中改为点阵发送",
        ),
        StatusCode::ServerErrorNotAcceptingJobs => (
            "it is paused or not accepting jobs; resume it in the print queue",
            "打印机已暂停或不接受任务，请在打印队列中恢复",
        ),
        StatusCode::ClientErrorNotFound | StatusCode::ClientErrorGone => (
            "there is no printer or queue at this address",
            "该地址没有打印机或打印队列",
        ),
        StatusCode::ClientErrorForbidden
        | StatusCode::ClientErrorNotAuthenticated
        | StatusCode::ClientErrorNotAuthorized => (
            "it does not allow this computer to print (a login or permission is needed)",
            "打印机不允许本机打印（需要登录或权限）",
        ),
        StatusCode::ServerErrorBusy | StatusCode::ServerErrorTemporaryError => {
            ("it is busy; try again in a moment", "打印机忙，请稍后重试")
        }
        StatusCode::ServerErrorDeviceError => (
            "it reports a fault; check paper, ribbon and cover",
            "打印机报告故障，请检查纸张、碳带和机盖",
        ),
        _ => (
            "it gave an error; see its own words",
            "打印机报错，请看其原始信息",
        ),
    }
}

/// Why a job stopped without printing, from its `job-state-reasons` and the printer's
/// `printer-state-reasons` (keywords as RFC 8011 and PWG 5100 name them).
pub fn not_printed(reasons: &str) -> Words {
    let has = |keyword: &str| reasons.contains(keyword);
    if has("media-empty") || has("media-needed") {
        (
            "the printer is out of labels; load labels and print again",
            "打印机缺纸，请装入面单后重新打印",
        )
    } else if has("media-jam") {
        (
            "the labels are jammed; clear the jam and print again",
            "面单卡纸，请清除后重新打印",
        )
    } else if has("cover-open") || has("door-open") {
        (
            "the printer's cover is open; close it and print again",
            "打印机机盖未关，请关好后重新打印",
        )
    } else if has("marker-supply-empty") || has("toner-empty") {
        (
            "the ribbon is used up; replace it and print again",
            "碳带已用完，请更换后重新打印",
        )
    } else if has("document-format-error") || has("unsupported-document-format") {
        (
            "the printer could not read the label; try sending as raster in the printer's settings",
            "打印机无法读取面单，请在打印机设置中改为点阵发送",
        )
    } else if has("canceled-at-device") || has("canceled-by-operator") {
        (
            "the job was cancelled at the printer",
            "任务已在打印机上被取消",
        )
    } else if has("canceled-by-user") {
        ("the job was cancelled", "任务已被取消")
    } else {
        (
            "the job stopped without printing; check the printer",
            "任务未打印即停止，请检查打印机",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_reasons_become_plain_words() {
        assert!(not_printed("media-empty-error").0.contains("out of labels"));
        assert!(
            not_printed("job-canceled-at-device")
                .1
                .contains("打印机上被取消")
        );
        assert!(not_printed("none").0.contains("check the printer"));
        assert!(
            refusal(StatusCode::ServerErrorNotAcceptingJobs)
                .0
                .contains("paused")
        );
    }
}
