//! Files' bytes to text: UTF-8 (with or without a BOM), and UTF-16 LE/BE with a BOM, as
//! Windows PowerShell 5 writes with `Out-File` and `>`.

/// Decodes `bytes`; the error says what is wrong with them.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, "UTF-16 LE"),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, "UTF-16 BE"),
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest),
        _ => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8 or UTF-16 with a BOM",
            e.utf8_error().valid_up_to()
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, String> {
    if bytes.len() % 2 != 0 {
        return Err(format!("{name} text with an odd number of bytes (truncated?)"));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| format!("invalid {name} text (unpaired surrogate)"))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf16_with_a_bom_reads_like_utf8() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Ä{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Ä{}".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le).as_deref(), Ok("Ä{}"));
        assert_eq!(decode(&be).as_deref(), Ok("Ä{}"));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").as_deref(), Ok("abc"));
        assert!(decode(&[0xFF, 0xFE, 0x41]).is_err());
        assert!(decode(&[0xC3]).is_err());
    }
}
