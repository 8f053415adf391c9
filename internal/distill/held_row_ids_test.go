package distill

import "testing"

// A lookup by the id of a row the rule holds already, of another entity:
// the row of the held row's own model is that row, the row of a model
// derived from it a lookup of its own (CTFd api/v1/submissions.py:187,
// 224-225; api/v1/solutions.py:249-251).
func TestHeldRowOfOtherEntityByID(t *testing.T) {
	files := map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Submissions(db.Model):
    __tablename__ = "submissions"
    id = db.Column(db.Integer, primary_key=True)
    challenge_id = db.Column(db.Integer)
    user_id = db.Column(db.Integer)
    type = db.Column(db.String(32))
    provided = db.Column(db.Text)
    __mapper_args__ = {"polymorphic_on": type}
class Solves(Submissions):
    __tablename__ = "solves"
    id = db.Column(None, db.ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)
    challenge_id = db.Column(db.Integer)
    user_id = db.Column(db.Integer)
    __mapper_args__ = {"polymorphic_identity": "correct"}
class Solutions(db.Model):
    __tablename__ = "solutions"
    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text)
class Files(db.Model):
    __tablename__ = "files"
    id = db.Column(db.Integer, primary_key=True)
    type = db.Column(db.String(80), default="standard")
    location = db.Column(db.Text)
    __mapper_args__ = {"polymorphic_on": type}
class SolutionFiles(Files):
    __mapper_args__ = {"polymorphic_identity": "solution"}
    solution_id = db.Column(db.Integer, db.ForeignKey("solutions.id"))
`, "app/uploads.py": `
from app.models import Files, db
def delete_file(file_id):
    f = Files.query.filter_by(id=file_id).first_or_404()
    db.session.delete(f)
    db.session.commit()
    return True
`, "app/views.py": `
from flask import Flask, request
from app.models import Submissions, Solves, Solutions, SolutionFiles, db
from app.uploads import delete_file
app = Flask(__name__)
@app.route("/submissions/<int:submission_id>", methods=["PATCH"])
def patch_submission(submission_id):
    submission = Submissions.query.filter_by(id=submission_id).first_or_404()
    req = request.get_json()
    submission_type = req.get("type")
    if submission_type == "correct":
        solve = Solves(user_id=submission.user_id, challenge_id=submission.challenge_id, provided=submission.provided)
        db.session.add(solve)
        submission.type = "discard"
        db.session.commit()
    elif submission_type == "incorrect":
        submission_id = submission.id
        existing_solve = Solves.query.filter_by(id=submission_id).first()
        if existing_solve:
            db.session.delete(existing_solve)
        submission.type = "incorrect"
        db.session.commit()
    return {"success": True}
@app.route("/solutions/<int:solution_id>", methods=["DELETE"])
def delete_solution(solution_id):
    solution = Solutions.query.filter_by(id=solution_id).first_or_404()
    files = SolutionFiles.query.filter_by(solution_id=solution.id).all()
    for f in files:
        delete_file(f.id)
    db.session.delete(solution)
    db.session.commit()
    return {"success": True}
`}
	runIdiomCases(t, files, []idiomCase{
		{
			// The solve found by the submission's id is a lookup beside
			// the submission, not the submission renamed after it.
			name:      "a row of a derived model found by the id of a held row is a lookup of its own",
			construct: "PatchSubmission",
			want: []string{
				"when: PatchSubmission(type, submission)",
				"user_id: submission.user_id,",
				"= Solve{id: submission}",
				`submission.type = "incorrect"`,
			},
			notWant: []string{"existing_solve.user_id", "existing_solve.type"},
		},
		{
			// Files by the id of a SolutionFiles row is that row.
			name:      "a row of a base model found by the id of a held row of a model derived from it is that row",
			construct: "DeleteSolution",
			want: []string{
				"when: DeleteSolution(solution)",
				"not exists f\n",
			},
			notWant: []string{"File{id: f}", "DeleteSolution(solution, f)"},
		},
	})
}
