"""From validated data to the report: aggregate, context, .docx, PDF, summary, output."""
