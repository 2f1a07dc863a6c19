package workbook

import "github.com/forerunner-project/forerunner/internal/i18n"

// The sheets the workbook adds beside the layout's: read by people or by
// the drop-downs, never read back as evidence.
var (
	instructionsSheet = i18n.T("填写说明", "Instructions")
	listsSheet        = "_lists"
)

func reservedSheets() []string {
	return []string{instructionsSheet.ZH, instructionsSheet.EN, listsSheet}
}

// Rows of a list sheet: the visible header, the hidden field names, then data.
const (
	headerRow    = 1
	fieldRow     = 2
	firstDataRow = 3
)

// Columns of a form sheet: label, value, help, hidden field name.
const (
	formLabelCol = 1
	formValueCol = 2
	formHelpCol  = 3
	formFieldCol = 4
	formFirstRow = 2
)
