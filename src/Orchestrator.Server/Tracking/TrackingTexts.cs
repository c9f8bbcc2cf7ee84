namespace Orchestrator.Server.Tracking;

/// <summary>The fixed words of the customer's page, in the languages the shop serves (the steps' labels come from the model).</summary>
/// <param name="DefaultTitle">The title when the process declares none.</param>
/// <param name="Reference">"Reference".</param>
/// <param name="InProgress">The status of a running case.</param>
/// <param name="Completed">The status of a finished case.</param>
/// <param name="Cancelled">The status of a cancelled case.</param>
/// <param name="Done">A step passed.</param>
/// <param name="Current">The step the case is in.</param>
/// <param name="Pending">A step to come.</param>
/// <param name="Eta">"Expected by".</param>
/// <param name="Refund">"Your refund".</param>
/// <param name="Updated">"Last update".</param>
/// <param name="NotFound">The page's text for an unknown link.</param>
/// <param name="Refresh">The link that loads the page again, for news.</param>
public sealed record TrackingTexts(
    string DefaultTitle, string Reference, string InProgress, string Completed, string Cancelled, string Done, string Current, string Pending,
    string Eta, string Refund, string Updated, string NotFound, string Refresh)
{
    private static readonly Dictionary<string, TrackingTexts> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new("Your case", "Reference", "In progress", "Completed", "Cancelled", "Done", "Now", "Next",
            "Expected by", "Your refund", "Last update", "This link is not valid. Please use the link in our latest message to you.",
            "Refresh"),
        ["zh-CN"] = new("您的售后服务", "单号", "处理中", "已完成", "已取消", "已完成", "进行中", "待处理",
            "预计完成时间", "退款金额", "最后更新", "此链接无效，请使用我们最近发给您的消息中的链接。", "刷新"),
        ["id"] = new("Kasus Anda", "Referensi", "Sedang diproses", "Selesai", "Dibatalkan", "Selesai", "Sekarang", "Berikutnya",
            "Perkiraan selesai", "Pengembalian dana Anda", "Pembaruan terakhir",
            "Tautan ini tidak berlaku. Silakan gunakan tautan dalam pesan terbaru kami kepada Anda.", "Muat ulang"),
        ["th"] = new("เคสของคุณ", "หมายเลขอ้างอิง", "กำลังดำเนินการ", "เสร็จสมบูรณ์", "ยกเลิกแล้ว", "เสร็จแล้ว", "ขณะนี้", "ถัดไป",
            "คาดว่าจะเสร็จภายใน", "เงินคืนของคุณ", "อัปเดตล่าสุด", "ลิงก์นี้ไม่ถูกต้อง โปรดใช้ลิงก์ในข้อความล่าสุดที่เราส่งถึงคุณ", "รีเฟรช"),
        ["vi"] = new("Yêu cầu của bạn", "Mã tham chiếu", "Đang xử lý", "Đã hoàn tất", "Đã hủy", "Đã xong", "Hiện tại", "Tiếp theo",
            "Dự kiến hoàn tất", "Khoản hoàn tiền của bạn", "Cập nhật lần cuối",
            "Liên kết này không hợp lệ. Vui lòng dùng liên kết trong tin nhắn mới nhất chúng tôi gửi cho bạn.", "Làm mới"),
        ["ms"] = new("Kes anda", "Rujukan", "Sedang diproses", "Selesai", "Dibatalkan", "Selesai", "Sekarang", "Seterusnya",
            "Dijangka selesai", "Bayaran balik anda", "Kemas kini terakhir",
            "Pautan ini tidak sah. Sila gunakan pautan dalam mesej terbaru kami kepada anda.", "Muat semula"),
        ["es"] = new("Su caso", "Referencia", "En curso", "Completado", "Cancelado", "Hecho", "Ahora", "Siguiente",
            "Previsto para", "Su reembolso", "Última actualización",
            "Este enlace no es válido. Use el enlace de nuestro último mensaje.", "Actualizar"),
        ["de"] = new("Ihr Anliegen", "Referenz", "In Bearbeitung", "Abgeschlossen", "Storniert", "Erledigt", "Jetzt", "Als Nächstes",
            "Voraussichtlich bis", "Ihre Erstattung", "Zuletzt aktualisiert",
            "Dieser Link ist ungültig. Bitte nutzen Sie den Link aus unserer letzten Nachricht.", "Aktualisieren"),
    };

    /// <summary>The languages the page speaks.</summary>
    public static IEnumerable<string> Languages => ByLanguage.Keys;

    /// <summary>The words in a language: that one, its primary language (<c>zh</c> for <c>zh-TW</c> finds <c>zh-CN</c>), else English.</summary>
    public static TrackingTexts For(string? language)
    {
        if (language is null)
        {
            return ByLanguage["en"];
        }

        if (ByLanguage.TryGetValue(language, out var exact))
        {
            return exact;
        }

        var primary = language.Split('-')[0];
        return ByLanguage.FirstOrDefault(l => l.Key.Split('-')[0].Equals(primary, StringComparison.OrdinalIgnoreCase)).Value ?? ByLanguage["en"];
    }

    /// <summary>A status (<c>in-progress</c>, <c>completed</c>, <c>cancelled</c>) in these words.</summary>
    public string Status(string status) => status switch
    {
        "completed" => Completed,
        "cancelled" => Cancelled,
        _ => InProgress,
    };

    /// <summary>A step state (<c>done</c>, <c>current</c>, <c>pending</c>) in these words.</summary>
    public string StepState(string state) => state switch
    {
        "done" => Done,
        "current" => Current,
        _ => Pending,
    };
}
