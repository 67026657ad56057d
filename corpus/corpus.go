package corpus

// Doc is one report, read and normalised.
type Doc struct {
	Path     string // as given or found, slash-separated
	Hash     string // hex SHA-256 of the raw file bytes
	Format   Format // what the file was, told by its content
	Encoding string // one of the Enc* names; for other formats than .txt, the format ("docx"), and a web page's charset ("html/gb18030")
	Size     int64  // raw size in bytes
	Text     string // normalised UTF-8; all offsets refer to it
	Meta     Meta
	Warnings []Warning
}
